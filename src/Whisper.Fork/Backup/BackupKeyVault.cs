using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;

namespace Whisper.Fork.Backup;

/// <summary>
/// The data keys of origin backups, one random AES-256 key per <see cref="BackupSubject"/>, each wrapped (AES-256-GCM)
/// under a region master key of the <see cref="IKeyProvider"/>. It lives in the key directory, not beside the
/// backups, so every copy of a backup is shredded at once when a key is destroyed here. Layout: docs/purge.md,
/// "Key vault". Not thread-safe; one writer at a time (the backup or the purge that holds it).
/// </summary>
public sealed partial class BackupKeyVault
{
    public const string FileExtension = ".vault";
    public const string DirectoryName = "backup-vaults";

    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>kind (1) + id (8) + nonce (12) + wrapped key (32) + tag (16).</summary>
    private const int EntrySize = 1 + 8 + NonceSize + KeySize + TagSize;

    private static readonly byte[] Magic = "WVLT"u8.ToArray();

    private readonly IKeyProvider _keys;
    private readonly SortedDictionary<BackupSubject, byte[]> _entries;

    private BackupKeyVault(string path, Guid vaultId, string masterKeyId, IKeyProvider keys, SortedDictionary<BackupSubject, byte[]> entries)
    {
        Path = path;
        VaultId = vaultId;
        MasterKeyId = masterKeyId;
        _keys = keys;
        _entries = entries;
    }

    public string Path { get; }

    public Guid VaultId { get; }

    /// <summary>The master key that wraps every data key in this vault.</summary>
    public string MasterKeyId { get; }

    public int Count => _entries.Count;

    /// <summary>The vault file for <paramref name="vaultId"/> under a key directory.</summary>
    public static string PathFor(string keyDirectory, Guid vaultId) =>
        System.IO.Path.Combine(keyDirectory, DirectoryName, vaultId.ToString("D") + FileExtension);

    /// <summary>"bk-&lt;vault id&gt;/user:42": names one destroyed or live data key in certificates and reports.</summary>
    public static string KeyIdOf(Guid vaultId, BackupSubject subject) => $"bk-{vaultId:D}/{subject}";

    /// <summary>A new, empty vault under the provider's current master key (written on the first <see cref="Save"/>).</summary>
    public static BackupKeyVault Create(string keyDirectory, IKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var id = Guid.CreateVersion7();
        return new BackupKeyVault(PathFor(keyDirectory, id), id, keys.CurrentKeyId, keys, []);
    }

    public bool Contains(BackupSubject subject) => _entries.ContainsKey(subject);

    /// <summary>Every subject that still has a key, in order.</summary>
    public IEnumerable<BackupSubject> Subjects => _entries.Keys;

    /// <summary>The subject's data key, made and wrapped on first use.</summary>
    public void GetOrCreateKey(BackupSubject subject, Span<byte> key32)
    {
        if (TryGetKey(subject, key32))
        {
            return;
        }

        RandomNumberGenerator.Fill(key32);
        _entries[subject] = Wrap(subject, key32);
    }

    /// <summary>False when the subject has no key here (never had one, or it was destroyed): its records cannot be read.</summary>
    /// <exception cref="CryptographicException">The entry does not unwrap: the vault was altered or the master key is not this vault's.</exception>
    public bool TryGetKey(BackupSubject subject, Span<byte> key32)
    {
        if (!_entries.TryGetValue(subject, out var entry))
        {
            return false;
        }

        Span<byte> master = stackalloc byte[KeySize];
        try
        {
            _keys.CopyMasterKey(MasterKeyId, master);
            using var aes = new AesGcm(master, TagSize);
            Span<byte> aad = stackalloc byte[16 + 9];
            WriteAad(subject, aad);
            aes.Decrypt(entry.AsSpan(0, NonceSize), entry.AsSpan(NonceSize, KeySize), entry.AsSpan(NonceSize + KeySize, TagSize), key32, aad);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    /// <summary>
    /// Destroys the keys of <paramref name="subjects"/> (those the vault holds) and saves the vault without them, so
    /// their records in every backup sealed by this vault can no longer be decrypted. Returns the destroyed key ids.
    /// </summary>
    public IReadOnlyList<string> Destroy(IEnumerable<BackupSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var destroyed = new List<string>();
        foreach (var subject in subjects)
        {
            if (_entries.Remove(subject, out var entry))
            {
                CryptographicOperations.ZeroMemory(entry);
                destroyed.Add(KeyIdOf(VaultId, subject));
            }
        }

        if (destroyed.Count > 0)
        {
            Save();
        }

        return destroyed;
    }

    /// <summary>Writes the vault whole (temporary file, flush, rename): a crash leaves the old vault or the new one.</summary>
    public void Save()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        AtomicFile.Write(Path, Encode());
    }

    private byte[] Wrap(BackupSubject subject, ReadOnlySpan<byte> key32)
    {
        var entry = new byte[NonceSize + KeySize + TagSize];
        RandomNumberGenerator.Fill(entry.AsSpan(0, NonceSize));
        Span<byte> master = stackalloc byte[KeySize];
        try
        {
            _keys.CopyMasterKey(MasterKeyId, master);
            using var aes = new AesGcm(master, TagSize);
            Span<byte> aad = stackalloc byte[16 + 9];
            WriteAad(subject, aad);
            aes.Encrypt(entry.AsSpan(0, NonceSize), key32, entry.AsSpan(NonceSize, KeySize), entry.AsSpan(NonceSize + KeySize, TagSize), aad);
            return entry;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    /// <summary>Binds a wrapped key to its vault and subject: an entry moved to another subject or vault does not unwrap.</summary>
    private void WriteAad(BackupSubject subject, Span<byte> aad)
    {
        VaultId.TryWriteBytes(aad, bigEndian: true, out _);
        aad[16] = (byte)subject.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(aad[17..], subject.Id);
    }

    private byte[] Encode()
    {
        var keyId = Encoding.ASCII.GetBytes(MasterKeyId);
        var length = 4 + 4 + 16 + 1 + keyId.Length + 4 + (_entries.Count * EntrySize) + 32;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span[4] = 1;
        VaultId.TryWriteBytes(span[8..], bigEndian: true, out _);
        span[24] = (byte)keyId.Length;
        keyId.CopyTo(span[25..]);
        var at = 25 + keyId.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], _entries.Count);
        at += 4;
        foreach (var (subject, entry) in _entries)
        {
            span[at] = (byte)subject.Kind;
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 1)..], subject.Id);
            entry.CopyTo(span[(at + 9)..]);
            at += EntrySize;
        }

        SHA256.HashData(span[..at], span[at..]);
        return bytes;
    }
}
