namespace Whisper.Security.Tests.Audit;

/// <summary>The repository root, found from the test binaries by walking up to Whisper.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Whisper.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        // --artifacts-path builds live outside the tree; the source path is compiled in as a fallback.
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(SourceFolder(), "..", "..", ".."));
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;
}
