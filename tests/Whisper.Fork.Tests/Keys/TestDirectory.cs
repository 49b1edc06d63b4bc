namespace Whisper.Fork.Tests.Keys;

/// <summary>A fresh directory under the temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "whisper-keys-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Not created yet: <c>FileKeyProvider.Create</c> makes it.</summary>
    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
