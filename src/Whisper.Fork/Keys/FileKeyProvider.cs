using System.Security.Cryptography;

namespace Whisper.Fork.Keys;

/// <summary>
/// Keys kept as files in one directory (layout and bytes: docs/migration-format.md, "Key files"): any number of
/// AES-256 master keys, a <c>current</c> file naming the one that wraps new data keys, and one ECDSA P-256 signing
/// pair. Files are created 0600 in a 0700 directory on Unix and written atomically (temporary file, then rename).
/// </summary>
/// <remarks>
/// Thread-safe; <see cref="Rotate"/> is serialised within the process. Two processes must not rotate the same
/// directory at once. Master keys stay in pinned memory for the life of the provider.
/// </remarks>
public sealed partial class FileKeyProvider : IKeyProvider
{
    /// <summary>File naming the current master key id.</summary>
    public const string CurrentFileName = "current";

    /// <summary>DER PKCS#8 private key of the signing pair.</summary>
    public const string SigningKeyFileName = "signing.pkcs8";

    /// <summary>DER SubjectPublicKeyInfo of the signing pair.</summary>
    public const string VerificationKeyFileName = "signing.spki";

    private readonly TimeProvider _timeProvider;
    private readonly Lock _rotateGate = new();
    private readonly byte[] _signingKeyPkcs8;
    private readonly byte[] _verificationKeySpki;
    private volatile KeyRing _ring;

    private FileKeyProvider(string keyDirectory, TimeProvider timeProvider, KeyRing ring, byte[] signingKeyPkcs8, byte[] verificationKeySpki)
    {
        KeyDirectory = keyDirectory;
        _timeProvider = timeProvider;
        _ring = ring;
        _signingKeyPkcs8 = signingKeyPkcs8;
        _verificationKeySpki = verificationKeySpki;
    }

    /// <summary>Full path of the key directory.</summary>
    public string KeyDirectory { get; }

    /// <inheritdoc />
    public string CurrentKeyId => _ring.CurrentKeyId;

    /// <summary>Every master key id in the directory, in ordinal order (for generated ids: oldest day first).</summary>
    public IReadOnlyList<string> KeyIds => _ring.KeyIds;

    /// <summary>The file name that holds master key <paramref name="keyId"/>: <c>master-&lt;id&gt;.key</c>.</summary>
    public static string MasterKeyFileName(string keyId) => $"master-{keyId}.key";

    /// <summary>Creates a key directory with one new master key and a new signing pair, using the system clock for the key id's date.</summary>
    /// <exception cref="IOException"><paramref name="directory"/> exists and is not empty.</exception>
    public static FileKeyProvider Create(string directory) => Create(directory, TimeProvider.System);

    /// <inheritdoc cref="Create(string)" />
    public static FileKeyProvider Create(string directory, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var path = Path.GetFullPath(directory);
        PrepareEmptyDirectory(path);

        var keyId = MasterKeyId.New(timeProvider);
        var masterKey = PinnedKey();
        RandomNumberGenerator.Fill(masterKey);
        WriteMasterKeyFile(path, keyId, masterKey);

        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pkcs8 = PinnedCopy(signing.ExportPkcs8PrivateKey(), zeroSource: true);
        var spki = signing.ExportSubjectPublicKeyInfo();
        WriteFileAtomically(Path.Combine(path, SigningKeyFileName), pkcs8, replace: false);
        WriteFileAtomically(Path.Combine(path, VerificationKeyFileName), spki, replace: false);

        // `current` last: a directory without it is an interrupted Create, which Open reports as such.
        WriteCurrentFile(path, keyId);
        var ring = new KeyRing(keyId, new Dictionary<string, byte[]>(StringComparer.Ordinal) { [keyId] = masterKey });
        return new FileKeyProvider(path, timeProvider, ring, pkcs8, spki);
    }

    /// <summary>Opens an existing key directory and checks every file in it.</summary>
    /// <exception cref="FileNotFoundException">The directory, its <c>current</c> file, the current key's file or a signing file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is damaged or does not match the others; the message says which and how.</exception>
    public static FileKeyProvider Open(string directory) => Open(directory, TimeProvider.System);

    /// <inheritdoc cref="Open(string)" />
    public static FileKeyProvider Open(string directory, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var path = Path.GetFullPath(directory);
        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"Key directory '{path}' does not exist. Create one (FileKeyProvider.Create) or copy the exporting site's key directory there.",
                path);
        }

        var currentKeyId = ReadCurrentFile(path);
        var keys = ReadMasterKeyFiles(path);
        if (!keys.ContainsKey(currentKeyId))
        {
            var missing = Path.Combine(path, MasterKeyFileName(currentKeyId));
            throw new FileNotFoundException(
                $"Key directory '{path}': '{CurrentFileName}' names master key '{currentKeyId}', but '{MasterKeyFileName(currentKeyId)}' is missing. "
                + "Copy that file back from a backup of this key directory.",
                missing);
        }

        var (pkcs8, spki) = ReadSigningPair(path);
        return new FileKeyProvider(path, timeProvider, new KeyRing(currentKeyId, keys), pkcs8, spki);
    }

    /// <inheritdoc />
    public void CopyMasterKey(string keyId, Span<byte> destination32)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (destination32.Length != MasterKeyFile.KeySize)
        {
            throw new ArgumentException($"A master key is {MasterKeyFile.KeySize} bytes; the destination has {destination32.Length}.", nameof(destination32));
        }

        if (!_ring.Keys.TryGetValue(keyId, out var key))
        {
            key = LoadAddedKey(keyId) ?? throw new MissingKeyException(keyId, KeyDirectory);
        }

        key.CopyTo(destination32);
    }

    /// <inheritdoc />
    public ECDsa OpenSigningKey()
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(_signingKeyPkcs8, out _);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ECDsa OpenVerificationKey()
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(_verificationKeySpki, out _);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes a new random master key current. Older keys stay in the directory so chunks they wrapped still open
    /// (and can be re-wrapped with <see cref="Chunks.ChunkCipher.Rewrap"/>).
    /// </summary>
    /// <returns>The new key's id.</returns>
    public string Rotate()
    {
        lock (_rotateGate)
        {
            var ring = _ring;
            string keyId;
            do
            {
                keyId = MasterKeyId.New(_timeProvider);
            }
            while (ring.Keys.ContainsKey(keyId) || File.Exists(Path.Combine(KeyDirectory, MasterKeyFileName(keyId))));

            var masterKey = PinnedKey();
            RandomNumberGenerator.Fill(masterKey);

            // Key file first, then `current`: a crash in between leaves an unused key, never a current id without a key.
            WriteMasterKeyFile(KeyDirectory, keyId, masterKey);
            WriteCurrentFile(KeyDirectory, keyId);
            _ring = ring.With(keyId, masterKey, makeCurrent: true);
            return keyId;
        }
    }

    /// <summary>
    /// A key whose file was copied into the directory after Open (the fix <see cref="MissingKeyException"/> asks
    /// for); null when there is no such file.
    /// </summary>
    private byte[]? LoadAddedKey(string keyId)
    {
        if (!MasterKeyId.IsValid(keyId))
        {
            return null;
        }

        var file = Path.Combine(KeyDirectory, MasterKeyFileName(keyId));
        if (!File.Exists(file))
        {
            return null;
        }

        lock (_rotateGate)
        {
            if (_ring.Keys.TryGetValue(keyId, out var known))
            {
                return known;
            }

            var key = ReadMasterKeyFile(file, keyId);
            _ring = _ring.With(keyId, key, makeCurrent: false);
            return key;
        }
    }

    private static byte[] PinnedKey() => GC.AllocateArray<byte>(MasterKeyFile.KeySize, pinned: true);

    private static byte[] PinnedCopy(byte[] source, bool zeroSource)
    {
        var copy = GC.AllocateArray<byte>(source.Length, pinned: true);
        source.CopyTo(copy, 0);
        if (zeroSource)
        {
            CryptographicOperations.ZeroMemory(source);
        }

        return copy;
    }

    /// <summary>An immutable snapshot of the master keys; replaced whole on rotation so readers never lock.</summary>
    private sealed class KeyRing
    {
        public KeyRing(string currentKeyId, Dictionary<string, byte[]> keys)
        {
            CurrentKeyId = currentKeyId;
            Keys = keys;
            var ids = keys.Keys.ToArray();
            Array.Sort(ids, StringComparer.Ordinal);
            KeyIds = Array.AsReadOnly(ids);
        }

        public string CurrentKeyId { get; }

        public Dictionary<string, byte[]> Keys { get; }

        public IReadOnlyList<string> KeyIds { get; }

        public KeyRing With(string keyId, byte[] key, bool makeCurrent) =>
            new(makeCurrent ? keyId : CurrentKeyId, new Dictionary<string, byte[]>(Keys, StringComparer.Ordinal) { [keyId] = key });
    }
}
