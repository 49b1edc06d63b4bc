namespace Whisper.Security.Tests.Audit;

/// <summary>A temp folder removed after the test.</summary>
internal sealed class AuditTestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("whisper-audit-test-").FullName;

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/> (folders created) and returns the full path.</summary>
    public string Write(string relative, string content)
    {
        var full = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
