using System.Security.Cryptography;
using System.Text;

namespace Whisper.Fork.Keys;

public sealed partial class FileKeyProvider
{
    private const string MasterKeyPrefix = "master-";
    private const string MasterKeySuffix = ".key";
    private const string TemporarySuffix = ".tmp";

    // Key files are tiny (master 70 + id bytes, PKCS#8 ~138, SPKI 91); anything bigger is not ours.
    private const int MaxKeyFileSize = 4096;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // 1.2.840.10045.3.1.7: the NIST P-256 curve.
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private static void PrepareEmptyDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            if (Directory.EnumerateFileSystemEntries(path).Any())
            {
                throw new IOException(
                    $"Key directory '{path}' already exists and is not empty; creating keys never overwrites existing ones. "
                    + "Open it instead, or choose a new directory.");
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, OwnerOnlyDirectory);
            }

            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    private static void WriteMasterKeyFile(string directory, string keyId, ReadOnlySpan<byte> key)
    {
        Span<byte> content = stackalloc byte[MasterKeyFile.Length(keyId)];
        try
        {
            MasterKeyFile.Encode(keyId, key, content);
            WriteFileAtomically(Path.Combine(directory, MasterKeyFileName(keyId)), content, replace: false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private static void WriteCurrentFile(string directory, string keyId) =>
        WriteFileAtomically(Path.Combine(directory, CurrentFileName), Encoding.ASCII.GetBytes(keyId + "\n"), replace: true);

    /// <summary>
    /// Writes <c>path.tmp</c> (0600 on Unix), flushes it to disk, then renames it over <paramref name="path"/>, so a
    /// reader sees the old file or the whole new one. With <paramref name="replace"/> false an existing file is an error.
    /// </summary>
    private static void WriteFileAtomically(string path, ReadOnlySpan<byte> content, bool replace)
    {
        var temporary = path + TemporarySuffix;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // A leftover temporary file from a crash keeps its old mode under FileMode.Create.
                File.SetUnixFileMode(temporary, OwnerOnlyFile);
            }

            File.Move(temporary, path, overwrite: replace);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string ReadCurrentFile(string directory)
    {
        var path = Path.Combine(directory, CurrentFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Key directory '{directory}' has no '{CurrentFileName}' file: it is not a key directory, or creating it was "
                + "interrupted (then delete the directory and create it again).",
                path);
        }

        var content = ReadKeyFile(path);
        string? keyId = null;
        if (Ascii.IsValid(content))
        {
            keyId = Encoding.ASCII.GetString(content).TrimEnd('\n', '\r');
        }

        if (!MasterKeyId.IsValid(keyId))
        {
            throw new InvalidDataException(
                $"'{path}' does not hold a master key id (one line such as 'mk-20250114-3fa94c0e'). "
                + $"Restore it from a backup, or write the id of one of the '{MasterKeyPrefix}<id>{MasterKeySuffix}' files into it.");
        }

        return keyId!;
    }

    private static Dictionary<string, byte[]> ReadMasterKeyFiles(string directory)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith(MasterKeyPrefix, StringComparison.Ordinal) || !name.EndsWith(MasterKeySuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var keyId = name[MasterKeyPrefix.Length..^MasterKeySuffix.Length];
            if (!MasterKeyId.IsValid(keyId))
            {
                throw new InvalidDataException(
                    $"'{file}' is not a valid master key file name (ids are 1 to {MasterKeyId.MaxLength} of A-Z a-z 0-9 . _ -). Move it out of the key directory.");
            }

            keys.Add(keyId, ReadMasterKeyFile(file, keyId));
        }

        return keys;
    }

    private static byte[] ReadMasterKeyFile(string path, string keyId)
    {
        var content = ReadKeyFile(path);
        try
        {
            var key = PinnedKey();
            if (MasterKeyFile.TryDecode(content, keyId, key) is { } problem)
            {
                throw new InvalidDataException(
                    $"Master key file '{path}' is unusable: {problem}. Restore it from a backup of the key directory; "
                    + "chunks wrapped with this key cannot be opened without it.");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private static (byte[] Pkcs8, byte[] Spki) ReadSigningPair(string directory)
    {
        var privatePath = Path.Combine(directory, SigningKeyFileName);
        var publicPath = Path.Combine(directory, VerificationKeyFileName);
        foreach (var path in (string[])[privatePath, publicPath])
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Key directory '{directory}' has no '{Path.GetFileName(path)}'. Copy it back from a backup of this key directory "
                    + $"('{SigningKeyFileName}' and '{VerificationKeyFileName}' belong together).",
                    path);
            }
        }

        var pkcs8 = PinnedCopy(ReadKeyFile(privatePath), zeroSource: true);
        var spki = ReadKeyFile(publicPath);
        using var signing = ECDsa.Create();
        using var verification = ECDsa.Create();
        ImportExactly(privatePath, "a DER PKCS#8 ECDSA private key", () =>
        {
            signing.ImportPkcs8PrivateKey(pkcs8, out var read);
            return read == pkcs8.Length;
        });
        ImportExactly(publicPath, "a DER SubjectPublicKeyInfo ECDSA public key", () =>
        {
            verification.ImportSubjectPublicKeyInfo(spki, out var read);
            return read == spki.Length;
        });

        var privateParameters = signing.ExportParameters(includePrivateParameters: false);
        var publicParameters = verification.ExportParameters(includePrivateParameters: false);
        if (privateParameters.Curve.Oid?.Value != P256Oid || publicParameters.Curve.Oid?.Value != P256Oid)
        {
            throw new InvalidDataException($"The signing pair in '{directory}' is not on curve P-256 (nistP256), which manifests require.");
        }

        if (!privateParameters.Q.X.AsSpan().SequenceEqual(publicParameters.Q.X)
            || !privateParameters.Q.Y.AsSpan().SequenceEqual(publicParameters.Q.Y))
        {
            throw new InvalidDataException(
                $"'{SigningKeyFileName}' and '{VerificationKeyFileName}' in '{directory}' are not the same key pair. "
                + "Restore both from the same backup of this key directory.");
        }

        return (pkcs8, spki);
    }

    private static void ImportExactly(string path, string what, Func<bool> import)
    {
        bool whole;
        try
        {
            whole = import();
        }
        catch (CryptographicException)
        {
            // The inner exception is dropped on purpose: it can quote the bytes it failed on.
            whole = false;
        }

        if (!whole)
        {
            throw new InvalidDataException($"'{path}' is not {what} (the file is damaged or not a key file). Restore it from a backup of the key directory.");
        }
    }

    private static byte[] ReadKeyFile(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxKeyFileSize)
        {
            throw new InvalidDataException($"'{path}' is {length} bytes; key files are under {MaxKeyFileSize}. It is not a key file.");
        }

        return File.ReadAllBytes(path);
    }
}
