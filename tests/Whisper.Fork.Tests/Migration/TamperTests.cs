using Whisper.Fork.Chunks;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Verify;

namespace Whisper.Fork.Tests.Migration;

/// <summary>Every way an export can be damaged or swapped is refused, and the refusal names what was wrong.</summary>
public sealed class TamperTests
{
    [Fact]
    public async Task FlippedBitInAChunk_ImportRefusesNamingTheChunk_AndVerifyListsIt()
    {
        await using var f = await ForkFixture.CreateAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, await f.ScopeAsync()).ExportAsync(f.ExportOptions());
        var victim = manifest.Chunks[manifest.Chunks.Count / 2];
        var path = Path.Combine(f.Repository, "chunks", victim.Id[..2], victim.Id);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length - 7] ^= 0x10;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<ChunkIntegrityException>(() => new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository));
        Assert.Equal(victim.Id, error.ChunkId);
        Assert.Contains(victim.Id, error.Message, StringComparison.Ordinal);

        // Chunks before the damaged one were applied; nothing of it or after it reached the store.
        var applied = await File.ReadAllLinesAsync(Path.Combine(f.Repository, "import.journal"));
        Assert.Equal(victim.Index, applied.Length - 1);

        foreach (var readData in new[] { true, false })
        {
            var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { ReadData = readData });
            Assert.False(report.Ok);
            var problem = Assert.Single(report.ChunkProblems);
            Assert.Equal(victim.Id, problem.ChunkId);
        }
    }

    [Fact]
    public async Task WrongKeyDirectory_ImportFailsNamingTheKeyId()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 100, Videos = 100, Days = 1, Seed = 3 });
        await new ForkExporter(f.Source, f.Keys, await f.ScopeAsync()).ExportAsync(f.ExportOptions());
        var other = FileKeyProvider.Create(Path.Combine(f.Folder, "other-keys"));

        // The other region's signing key does not verify the manifest either; with the right verification key
        // but without the master key, the chunk's key id is named.
        await Assert.ThrowsAsync<ForkManifestException>(() => new ForkImporter(f.Target, other).ImportAsync(f.Repository));
        var error = await Assert.ThrowsAsync<MissingKeyException>(() => new ForkImporter(f.Target, new SigningOnly(f.Keys, other)).ImportAsync(f.Repository));
        Assert.Equal(f.Keys.CurrentKeyId, error.KeyId);
        Assert.Contains(f.Keys.CurrentKeyId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlteredManifest_IsRefusedBeforeAnyChunkIsRead()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 100, Videos = 100, Days = 1, Seed = 3 });
        await new ForkExporter(f.Source, f.Keys, await f.ScopeAsync()).ExportAsync(f.ExportOptions());
        var path = Path.Combine(f.Repository, ManifestFile.ManifestName);
        var original = await File.ReadAllTextAsync(path);

        await File.WriteAllTextAsync(path, original.Replace("\"records\": 1", "\"records\": 2", StringComparison.Ordinal).Replace("\"targetRegion\": \"us\"", "\"targetRegion\": \"eu\"", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ForkManifestException>(() => new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository));

        await File.WriteAllTextAsync(path, original[..(original.Length / 2)]);
        var truncated = await Assert.ThrowsAsync<ForkManifestException>(() => new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository));
        Assert.Contains("signature", truncated.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(f.Repository, ManifestFile.SignatureName));
        await File.WriteAllTextAsync(path, original);
        await Assert.ThrowsAsync<ForkManifestException>(() => new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository));
        Assert.Equal(0, await f.Target.Events.GetHeadAsync());
    }

    [Fact]
    public async Task ManifestSwappedForAnotherExports_ResumedImportRefusesIt()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 100, Videos = 100, Days = 1, Seed = 3 });
        var scope = await f.ScopeAsync();
        await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        var otherRepo = Path.Combine(f.Folder, "other");
        await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions(otherRepo));
        await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);

        // Both files swapped together: the signature is valid (same region key), but the journal knows the export.
        foreach (var name in new[] { ManifestFile.ManifestName, ManifestFile.SignatureName })
        {
            File.Copy(Path.Combine(otherRepo, name), Path.Combine(f.Repository, name), overwrite: true);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository));
        Assert.Contains("swapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingChunkFile_IsNamed()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 100, Videos = 100, Days = 1, Seed = 3 });
        var manifest = await new ForkExporter(f.Source, f.Keys, await f.ScopeAsync()).ExportAsync(f.ExportOptions());
        var victim = manifest.Chunks[^1];
        File.Delete(Path.Combine(f.Repository, "chunks", victim.Id[..2], victim.Id));

        var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions());
        Assert.Equal(victim.Id, Assert.Single(report.ChunkProblems).ChunkId);
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository));
        Assert.Contains(victim.Id, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The source's signing keys with another region's master keys: proves the chunk key id is reported.</summary>
    private sealed class SigningOnly(IKeyProvider signing, IKeyProvider master) : IKeyProvider
    {
        public string CurrentKeyId => master.CurrentKeyId;

        public void CopyMasterKey(string keyId, Span<byte> destination32) => master.CopyMasterKey(keyId, destination32);

        public System.Security.Cryptography.ECDsa OpenSigningKey() => signing.OpenSigningKey();

        public System.Security.Cryptography.ECDsa OpenVerificationKey() => signing.OpenVerificationKey();
    }
}
