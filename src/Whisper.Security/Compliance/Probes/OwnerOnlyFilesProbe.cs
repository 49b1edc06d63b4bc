using System.Runtime.Versioning;

using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// <c>owner-only-files</c>: key material is readable and writable by its owner only (Unix mode 0600 or tighter; a key
/// directory not writable by group or others). Checks the <c>path</c> parameter (relative to the root) or, without
/// one, every <c>--keys</c> input; in a directory every file is checked except public keys (<c>*.spki</c>), which are
/// meant to be read. On Windows, where Unix modes do not exist, it is not run.
/// </summary>
public sealed class OwnerOnlyFilesProbe : IComplianceProbe
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public string Name => "owner-only-files";

    public string Summary => "Key files are mode 0600 (owner only); key directories are not writable by others.";

    public void Validate(ProbeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Known("path");
        parameters.RelativePath("path", required: false);
    }

    public ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        if (OperatingSystem.IsWindows())
        {
            return ValueTask.FromResult(EvidenceResult.NotRun("Unix file modes do not exist on Windows; check the ACLs by hand"));
        }

        var relative = parameters.RelativePath("path", required: false);
        var paths = relative is null ? context.Inputs.KeyPaths : [context.Resolve(relative)];
        if (paths.Count == 0)
        {
            return ValueTask.FromResult(EvidenceResult.NotRun("no key files given; pass --keys <file or folder> (API keys file, fork key folder, tlog head-signing.pkcs8)"));
        }

        var problems = new List<string>();
        var checkedFiles = 0;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                Check(path, GroupOrOtherWrite, problems);
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".spki", StringComparison.Ordinal)))
                {
                    checkedFiles++;
                    Check(file, GroupOrOther, problems);
                }
            }
            else if (File.Exists(path))
            {
                checkedFiles++;
                Check(path, GroupOrOther, problems);
            }
            else
            {
                return ValueTask.FromResult(EvidenceResult.Missing($"{path} does not exist"));
            }
        }

        return ValueTask.FromResult(problems.Count == 0
            ? EvidenceResult.Pass($"{checkedFiles} key files owner-only")
            : EvidenceResult.Fail($"{string.Join("; ", problems)}; chmod 600 the files (700 the folders)"));
    }

    [UnsupportedOSPlatform("windows")]
    private static void Check(string path, UnixFileMode forbidden, List<string> problems)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & forbidden) != 0)
        {
            problems.Add($"{path} is mode {Octal(mode)}");
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
