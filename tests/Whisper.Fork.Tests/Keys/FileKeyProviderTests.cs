using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Time.Testing;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Tests.Keys;

public sealed partial class FileKeyProviderTests : IDisposable
{
    private readonly TestDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 14, 9, 30, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [GeneratedRegex("^mk-[0-9]{8}-[0-9a-f]{8}$")]
    private static partial Regex KeyIdPattern();

    private static byte[] MasterKey(FileKeyProvider keys, string keyId)
    {
        var key = new byte[32];
        keys.CopyMasterKey(keyId, key);
        return key;
    }

    [Fact]
    public void Create_NewDirectory_WritesOneKeyAndSigningPair()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);

        Assert.Matches(KeyIdPattern(), keys.CurrentKeyId);
        Assert.StartsWith("mk-20250114-", keys.CurrentKeyId, StringComparison.Ordinal);
        Assert.Equal([keys.CurrentKeyId], keys.KeyIds);
        Assert.Equal(Path.GetFullPath(_dir.Path), keys.KeyDirectory);
        string[] expected = ["current", $"master-{keys.CurrentKeyId}.key", "signing.pkcs8", "signing.spki"];
        Assert.Equal(expected, Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(keys.CurrentKeyId + "\n", File.ReadAllText(_dir.File("current")));
        Assert.Equal(90, new FileInfo(_dir.File($"master-{keys.CurrentKeyId}.key")).Length);
        Assert.NotEqual(new byte[32], MasterKey(keys, keys.CurrentKeyId));
    }

    [Fact]
    public void Open_CreatedDirectory_RoundTripsEveryKey()
    {
        var created = FileKeyProvider.Create(_dir.Path, _time);
        var opened = FileKeyProvider.Open(_dir.Path);

        Assert.Equal(created.CurrentKeyId, opened.CurrentKeyId);
        Assert.Equal(created.KeyIds, opened.KeyIds);
        Assert.Equal(MasterKey(created, created.CurrentKeyId), MasterKey(opened, opened.CurrentKeyId));
        using var createdPublic = created.OpenVerificationKey();
        using var openedPublic = opened.OpenVerificationKey();
        Assert.Equal(createdPublic.ExportSubjectPublicKeyInfo(), openedPublic.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Create_TwoDirectories_HaveDifferentKeys()
    {
        using var other = new TestDirectory();
        var a = FileKeyProvider.Create(_dir.Path, _time);
        var b = FileKeyProvider.Create(other.Path, _time);
        Assert.NotEqual(a.CurrentKeyId, b.CurrentKeyId);
        Assert.NotEqual(MasterKey(a, a.CurrentKeyId), MasterKey(b, b.CurrentKeyId));
    }

    [Fact]
    public void Create_OnUnix_FilesAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var keys = FileKeyProvider.Create(_dir.Path, _time);
        keys.Rotate();
        const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir.Path));
        foreach (var file in Directory.GetFiles(_dir.Path))
        {
            Assert.Equal(ownerReadWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void Create_ExistingEmptyDirectory_IsUsed()
    {
        Directory.CreateDirectory(_dir.Path);
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        Assert.True(File.Exists(_dir.File($"master-{keys.CurrentKeyId}.key")));
    }

    [Fact]
    public void Create_NonEmptyDirectory_RefusesAndTouchesNothing()
    {
        var first = FileKeyProvider.Create(_dir.Path, _time);
        var before = File.ReadAllBytes(_dir.File($"master-{first.CurrentKeyId}.key"));

        var error = Assert.Throws<IOException>(() => FileKeyProvider.Create(_dir.Path, _time));
        Assert.Contains(_dir.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_dir.File($"master-{first.CurrentKeyId}.key")));
        Assert.Equal(4, Directory.GetFiles(_dir.Path).Length);
    }

    [Fact]
    public void Open_MissingDirectory_FileNotFoundNamingIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Contains(_dir.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DirectoryWithoutCurrentFile_FileNotFoundNamingIt()
    {
        FileKeyProvider.Create(_dir.Path, _time);
        File.Delete(_dir.File("current"));
        var error = Assert.Throws<FileNotFoundException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Equal(_dir.File("current"), error.FileName);
        Assert.Contains("'current'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("../../etc/passwd\n")]
    [InlineData("mk-2025 0114\n")]
    public void Open_CurrentFileWithoutKeyId_InvalidData(string content)
    {
        FileKeyProvider.Create(_dir.Path, _time);
        File.WriteAllText(_dir.File("current"), content);
        var error = Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Contains("current", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CurrentKeyFileMissing_FileNotFoundNamingTheFile()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var keyFile = $"master-{keys.CurrentKeyId}.key";
        File.Delete(_dir.File(keyFile));
        var error = Assert.Throws<FileNotFoundException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Equal(_dir.File(keyFile), error.FileName);
        Assert.Contains(keyFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AnyByteOfMasterKeyFileDamaged_InvalidDataNamingFileNotKey()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var path = _dir.File($"master-{keys.CurrentKeyId}.key");
        var original = File.ReadAllBytes(path);
        var keyHex = Convert.ToHexString(MasterKey(keys, keys.CurrentKeyId));
        for (var i = 0; i < original.Length; i++)
        {
            var damaged = (byte[])original.Clone();
            damaged[i] ^= 0x04;
            File.WriteAllBytes(path, damaged);
            var error = Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(keyHex, error.Message, StringComparison.OrdinalIgnoreCase);
        }

        File.WriteAllBytes(path, original);
        Assert.Equal(keys.CurrentKeyId, FileKeyProvider.Open(_dir.Path).CurrentKeyId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(89)]
    [InlineData(91)]
    public void Open_MasterKeyFileOfWrongLength_InvalidData(int length)
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var path = _dir.File($"master-{keys.CurrentKeyId}.key");
        var content = File.ReadAllBytes(path);
        Array.Resize(ref content, length);
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MasterKeyFileRenamed_InvalidData()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var oldId = keys.CurrentKeyId;
        var newId = keys.Rotate();
        File.Copy(_dir.File($"master-{oldId}.key"), _dir.File($"master-{newId}.key"), overwrite: true);
        var error = Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Contains("different key id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_StrayMasterFileName_InvalidData()
    {
        FileKeyProvider.Create(_dir.Path, _time);
        File.WriteAllText(_dir.File("master-bad id.key"), "x");
        Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
    }

    [Theory]
    [InlineData("signing.pkcs8")]
    [InlineData("signing.spki")]
    public void Open_SigningFileMissing_FileNotFoundNamingIt(string name)
    {
        FileKeyProvider.Create(_dir.Path, _time);
        File.Delete(_dir.File(name));
        var error = Assert.Throws<FileNotFoundException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Equal(_dir.File(name), error.FileName);
    }

    [Theory]
    [InlineData("signing.pkcs8", 0)]
    [InlineData("signing.pkcs8", 1)]
    [InlineData("signing.pkcs8", -1)]
    [InlineData("signing.spki", 0)]
    [InlineData("signing.spki", 3)]
    public void Open_SigningFileDamaged_InvalidData(string name, int position)
    {
        FileKeyProvider.Create(_dir.Path, _time);
        var content = File.ReadAllBytes(_dir.File(name));
        if (position < 0)
        {
            Array.Resize(ref content, content.Length - 10);
        }
        else
        {
            content[position] ^= 0xFF;
        }

        File.WriteAllBytes(_dir.File(name), content);
        var error = Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SigningFilesFromDifferentPairs_InvalidData()
    {
        using var other = new TestDirectory();
        FileKeyProvider.Create(_dir.Path, _time);
        FileKeyProvider.Create(other.Path, _time);
        File.Copy(other.File("signing.spki"), _dir.File("signing.spki"), overwrite: true);
        var error = Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Contains("not the same key pair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SigningKeyOnAnotherCurve_InvalidData()
    {
        FileKeyProvider.Create(_dir.Path, _time);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        File.WriteAllBytes(_dir.File("signing.pkcs8"), p384.ExportPkcs8PrivateKey());
        File.WriteAllBytes(_dir.File("signing.spki"), p384.ExportSubjectPublicKeyInfo());
        var error = Assert.Throws<InvalidDataException>(() => FileKeyProvider.Open(_dir.Path));
        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_NewKeyBecomesCurrent_OldKeysStayUsable()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var first = keys.CurrentKeyId;
        var firstKey = MasterKey(keys, first);

        _time.Advance(TimeSpan.FromDays(40));
        var second = keys.Rotate();

        Assert.Equal(second, keys.CurrentKeyId);
        Assert.StartsWith("mk-20250223-", second, StringComparison.Ordinal);
        Assert.Equal([first, second], keys.KeyIds);
        Assert.Equal(firstKey, MasterKey(keys, first));
        Assert.NotEqual(firstKey, MasterKey(keys, second));

        var reopened = FileKeyProvider.Open(_dir.Path);
        Assert.Equal(second, reopened.CurrentKeyId);
        Assert.Equal([first, second], reopened.KeyIds);
        Assert.Equal(firstKey, MasterKey(reopened, first));
        Assert.Equal(MasterKey(keys, second), MasterKey(reopened, second));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void Rotate_SameDay_GivesDistinctIds()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var ids = new HashSet<string>(StringComparer.Ordinal) { keys.CurrentKeyId };
        for (var i = 0; i < 20; i++)
        {
            Assert.True(ids.Add(keys.Rotate()));
        }

        Assert.Equal(21, FileKeyProvider.Open(_dir.Path).KeyIds.Count);
    }

    [Fact]
    public void CopyMasterKey_UnknownId_MissingKeyExceptionNamingIdFileAndDirectory()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var error = Assert.Throws<MissingKeyException>(() => keys.CopyMasterKey("mk-20240101-deadbeef", new byte[32]));
        Assert.Equal("mk-20240101-deadbeef", error.KeyId);
        Assert.Equal(keys.KeyDirectory, error.KeyDirectory);
        Assert.Equal("master-mk-20240101-deadbeef.key", error.KeyFileName);
        Assert.Contains("'mk-20240101-deadbeef'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Copy the key file 'master-mk-20240101-deadbeef.key'", error.Message, StringComparison.Ordinal);
        Assert.Contains(keys.KeyDirectory, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../current")]
    [InlineData("mk/../../x")]
    public void CopyMasterKey_IdThatIsNoFileName_MissingKey(string keyId)
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        Assert.Throws<MissingKeyException>(() => keys.CopyMasterKey(keyId, new byte[32]));
    }

    [Fact]
    public void CopyMasterKey_KeyFileCopiedInAfterOpen_IsFoundWithoutReopening()
    {
        using var exporter = new TestDirectory();
        var source = FileKeyProvider.Create(exporter.Path, _time);
        var target = FileKeyProvider.Create(_dir.Path, _time);
        var name = FileKeyProvider.MasterKeyFileName(source.CurrentKeyId);
        Assert.Throws<MissingKeyException>(() => target.CopyMasterKey(source.CurrentKeyId, new byte[32]));

        File.Copy(exporter.File(name), _dir.File(name));

        Assert.Equal(MasterKey(source, source.CurrentKeyId), MasterKey(target, source.CurrentKeyId));
        Assert.Contains(source.CurrentKeyId, target.KeyIds);
        Assert.NotEqual(source.CurrentKeyId, target.CurrentKeyId);
    }

    [Fact]
    public void CopyMasterKey_WrongDestinationSize_Throws()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        Assert.Throws<ArgumentException>(() => keys.CopyMasterKey(keys.CurrentKeyId, new byte[31]));
    }

    [Fact]
    public void OpenSigningKey_SignsWhatVerificationKeyVerifies()
    {
        using var other = new TestDirectory();
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        var stranger = FileKeyProvider.Create(other.Path, _time);
        var manifest = Encoding.UTF8.GetBytes("{\"chunks\":3,\"root\":\"e3b0c442\"}");

        byte[] signature;
        using (var signing = keys.OpenSigningKey())
        {
            Assert.Equal(256, signing.KeySize);
            signature = signing.SignData(manifest, HashAlgorithmName.SHA256);
        }

        using var verification = FileKeyProvider.Open(_dir.Path).OpenVerificationKey();
        Assert.True(verification.VerifyData(manifest, signature, HashAlgorithmName.SHA256));
        manifest[^2] ^= 1;
        Assert.False(verification.VerifyData(manifest, signature, HashAlgorithmName.SHA256));
        manifest[^2] ^= 1;
        using var strangerKey = stranger.OpenVerificationKey();
        Assert.False(strangerKey.VerifyData(manifest, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void OpenVerificationKey_HoldsNoPrivateKey()
    {
        var keys = FileKeyProvider.Create(_dir.Path, _time);
        using var verification = keys.OpenVerificationKey();
        Assert.ThrowsAny<CryptographicException>(() => verification.ExportParameters(includePrivateParameters: true));
    }
}
