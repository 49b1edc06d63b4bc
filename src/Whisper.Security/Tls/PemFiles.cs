namespace Whisper.Security.Tls;

/// <summary>Writes the CA's PEM files: private keys 0600 on Unix from the moment they exist, certificates 0644.</summary>
internal static class PemFiles
{
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicMode = SecretMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirectoryMode = SecretMode | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="directory"/> owner-only (0700) when it does not exist yet; an existing one keeps its mode.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }
    }

    /// <summary>
    /// Writes <paramref name="pem"/> to <paramref name="path"/>. Without <paramref name="replace"/> an existing file
    /// is an <see cref="IOException"/>; with it the text goes to a temporary file first and is renamed over the old
    /// one, so a reader sees the old file or the new one, never half of one.
    /// </summary>
    public static void Write(string path, string pem, bool secret, bool replace)
    {
        var mode = secret ? SecretMode : PublicMode;
        if (!replace)
        {
            WriteFlushed(path, pem, mode, FileMode.CreateNew);
            return;
        }

        var temporary = path + ".tmp";
        try
        {
            WriteFlushed(temporary, pem, mode, FileMode.Create);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteFlushed(string path, string pem, UnixFileMode mode, FileMode fileMode)
    {
        var options = new FileStreamOptions { Mode = fileMode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pem);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A temporary file left by a crash keeps its old mode under FileMode.Create.
            File.SetUnixFileMode(path, mode);
        }
    }
}
