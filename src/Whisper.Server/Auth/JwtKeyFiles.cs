using System.Security.Cryptography;

using Microsoft.IdentityModel.Tokens;

namespace Whisper.Server.Auth;

/// <summary>
/// The region's JWT keys on disk: an ES256 (ECDSA P-256) signing key as a PKCS#8 PEM file, mode 0600, and its public key
/// beside it (<see cref="PublicKeyPath"/>, SubjectPublicKeyInfo PEM, 0644) for servers to verify with. Keys live in files
/// the region controls, never in code or settings text.
/// </summary>
public static class JwtKeyFiles
{
    private const int MaxPemBytes = 16 * 1024;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The public key file of <paramref name="signingKeyPath"/>: <c>jwt.pem</c> → <c>jwt.pub.pem</c>.</summary>
    public static string PublicKeyPath(string signingKeyPath) => Path.ChangeExtension(signingKeyPath, ".pub.pem");

    /// <summary>
    /// Loads the signing key, or creates one (0600 from birth, written to a temporary file, flushed, renamed) when the file
    /// does not exist; either way writes the public key file beside it when missing.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a P-256 private key PEM.</exception>
    public static ECDsaSecurityKey OpenOrCreateSigningKey(string path, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        created = false;
        if (!File.Exists(path))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            created = TryWriteNew(path, fresh.ExportPkcs8PrivateKeyPem(), OwnerOnly);
        }

        var key = Load(path, requirePrivate: true);
        var publicPath = PublicKeyPath(path);
        if (!File.Exists(publicPath))
        {
            TryWriteNew(publicPath, key.ExportSubjectPublicKeyInfoPem(), Public);
        }

        return ToSecurityKey(key);
    }

    /// <summary>The public key in <paramref name="path"/> (a public key PEM, or a private key PEM whose public half is taken).</summary>
    /// <exception cref="FileNotFoundException">No file there.</exception>
    /// <exception cref="InvalidDataException">Not a P-256 key PEM.</exception>
    public static ECDsaSecurityKey LoadVerificationKey(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var full = Load(path, requirePrivate: false);
        var publicOnly = ECDsa.Create(full.ExportParameters(includePrivateParameters: false));
        return ToSecurityKey(publicOnly);
    }

    /// <summary>True on Unix when group or others may read or write the signing key file (it should be 0600).</summary>
    public static bool IsTooOpen(string path) =>
        !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;

    /// <summary>The <c>kid</c> of a key: SHA-256 of its SubjectPublicKeyInfo, first 16 bytes, hex.</summary>
    public static string KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()).AsSpan(0, 16));
    }

    private static ECDsaSecurityKey ToSecurityKey(ECDsa key) => new(key) { KeyId = KeyId(key) };

    private static ECDsa Load(string path, bool requirePrivate)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No JWT key file at '{path}'; create one with 'whisper keys token --signing-key {path} …'.", path);
        }

        if (info.Length is 0 or > MaxPemBytes)
        {
            throw Unusable(path, $"it is {info.Length} bytes");
        }

        var pem = File.ReadAllText(path);
        if (requirePrivate && !pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw Unusable(path, "it holds no private key (a signing key file is a PKCS#8 PEM)");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.ExportParameters(false).Curve.Oid?.Value != P256Oid)
            {
                throw Unusable(path, "the key is not on NIST P-256 (ES256)");
            }

            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw Unusable(path, "it is not an ECDSA key in PEM form");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="pem"/> to a new file at <paramref name="path"/>; false when another writer created it first.</summary>
    private static bool TryWriteNew(string path, string pem, UnixFileMode mode)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(pem);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static InvalidDataException Unusable(string path, string why) =>
        new($"JWT key file '{path}' is unusable: {why}. Point at the PEM file 'whisper keys token' created.");
}
