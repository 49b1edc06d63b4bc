using System.Security.Cryptography;

namespace Whisper.Security.Transparency;

public sealed partial class TreeHeadSigner
{
    // A P-256 PKCS#8 is ~138 bytes; anything much bigger is not ours.
    private const int MaxKeyFileSize = 4096;
    private const string TemporarySuffix = ".tmp";
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>The public key file that belongs to <paramref name="keyPath"/>: same name, extension <c>.spki</c>.</summary>
    public static string PublicKeyPath(string keyPath) => Path.ChangeExtension(keyPath, ".spki");

    /// <summary>
    /// Loads the P-256 key in <paramref name="keyPath"/> (DER PKCS#8), or creates one there (0600, written to a
    /// temporary file, flushed, renamed) when the file does not exist. Either way the public key file is written
    /// beside it if missing or stale. Two processes racing to create end up with the same key.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists but is not a P-256 PKCS#8 private key.</exception>
    public static TreeHeadSigner OpenOrCreate(string keyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPath);
        var created = false;
        if (!File.Exists(keyPath))
        {
            created = TryCreateKeyFile(keyPath);
        }

        var key = LoadKeyFile(keyPath);
        try
        {
            var signer = new TreeHeadSigner(key, keyPath, created);
            WritePublicKeyFile(PublicKeyPath(keyPath), signer.PublicKey);
            return signer;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>True when the key file can be read or written by group or others (Unix); the caller should warn.</summary>
    public static bool IsKeyFileTooOpen(string keyPath) =>
        !OperatingSystem.IsWindows() && File.Exists(keyPath) && (File.GetUnixFileMode(keyPath) & ~(OwnerOnlyFile | UnixFileMode.UserExecute)) != 0;

    private static bool TryCreateKeyFile(string keyPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(keyPath))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyDirectory);
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        var temporary = keyPath + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + TemporarySuffix;
        try
        {
            WriteFlushed(temporary, pkcs8, OwnerOnlyFile);
            File.Move(temporary, keyPath, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(keyPath))
        {
            // Another process created the key first: use theirs.
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
            File.Delete(temporary);
        }
    }

    private static ECDsa LoadKeyFile(string keyPath)
    {
        byte[] pkcs8;
        using (var stream = new FileStream(keyPath, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (stream.Length is 0 or > MaxKeyFileSize)
            {
                throw Unusable(keyPath, $"it is {stream.Length} bytes");
            }

            pkcs8 = GC.AllocateUninitializedArray<byte>((int)stream.Length, pinned: true);
            stream.ReadExactly(pkcs8);
        }

        var key = ECDsa.Create();
        try
        {
            int read;
            try
            {
                key.ImportPkcs8PrivateKey(pkcs8, out read);
            }
            catch (CryptographicException)
            {
                throw Unusable(keyPath, "it is not a DER PKCS#8 ECDSA private key");
            }

            if (read != pkcs8.Length)
            {
                throw Unusable(keyPath, "it has bytes after the key");
            }

            if (key.ExportParameters(false).Curve.Oid?.Value != P256Oid)
            {
                throw Unusable(keyPath, "the key is not on NIST P-256");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static void WritePublicKeyFile(string path, byte[] spki)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(spki))
        {
            return;
        }

        var temporary = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + TemporarySuffix;
        try
        {
            WriteFlushed(temporary, spki, PublicFile);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteFlushed(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A leftover temporary file from a crash keeps its old mode under FileMode.Create.
            File.SetUnixFileMode(path, mode);
        }
    }

    private static InvalidDataException Unusable(string keyPath, string why) =>
        new($"Tree head key file '{keyPath}' is unusable: {why}. Restore it from a backup; moving it away makes a new key on "
            + "next use, and heads signed with the old key then no longer verify against the new public key.");
}
