using Whisper.Security.Compliance;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Compliance.Probes;

namespace Whisper.Security.Tests.Compliance;

/// <summary>A temp root directory, removed after the test, with helpers to write files and check evidence against it.</summary>
internal sealed class ComplianceFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("whisper-compliance-test-").FullName;

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content)
    {
        var full = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public EvidenceContext Context(ComplianceInputs? inputs = null, ProbeRegistry? probes = null) =>
        new(Path, inputs ?? ComplianceInputs.None, probes ?? ProbeRegistry.Default);

    public Task<EvidenceResult> CheckAsync(EvidenceItem item, ComplianceInputs? inputs = null, ProbeRegistry? probes = null) =>
        item.CheckAsync(Context(inputs, probes), CancellationToken.None).AsTask();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
