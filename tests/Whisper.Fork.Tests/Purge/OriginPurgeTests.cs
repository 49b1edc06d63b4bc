using Whisper.FeatureStore.Definitions;
using Whisper.Fork.Backup;
using Whisper.Fork.Purge;
using Whisper.Fork.Records;

namespace Whisper.Fork.Tests.Purge;

public sealed class OriginPurgeTests
{
    [Fact]
    public async Task PurgeAsync_AfterFreezeAndRetention_LeavesNoResidentRecordAndNonResidentsUnchanged()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var residents = PurgeScope.From(await f.Fork.ScopeAsync(), f.Fork.PolicySha256);
        Assert.True(residents.UserIds.Length > 0, "the generated world has US residents");
        var othersBefore = await f.OthersAsync(residents);
        var storeRows = (await new PurgeVerifier(residents) { Source = f.Fork.Source }.VerifyAsync()).SurvivorCount;
        Assert.False((await f.Verifier(residents).VerifyAsync()).Clean);

        var (certificate, _) = await OriginPurger.PurgeAsync(f.Options());

        var after = await f.Verifier(residents).VerifyAsync();
        Assert.True(after.Clean, string.Join("; ", after.Survivors.Take(5)));
        Assert.Equal(othersBefore, await f.OthersAsync(residents));
        Assert.Equal(storeRows, certificate.Tables.Sum(t => t.Records));
        Assert.Equal(residents.UserIds.Length, certificate.Residents.Users);
        Assert.Equal(residents.IdsSha256, certificate.Residents.IdsSha256);
        Assert.False(Directory.Exists(Path.Combine(f.Fork.Repository, "chunks")));
        Assert.NotNull(certificate.Repository);
        Assert.True(certificate.Repository!.Chunks > 0);
    }

    [Fact]
    public async Task PurgeAsync_Backup_ResidentsKeysDestroyedAndListedOthersStillReadable()
    {
        await using var f = await PurgeFixture.CreateAsync();

        var (certificate, _) = await OriginPurger.PurgeAsync(f.Options());

        var scope = PurgeScope.Load(f.Options().StatePath)!;
        var shredded = Assert.Single(certificate.Backups);
        var resident = scope.UserIds[0];
        Assert.Contains(BackupKeyVault.KeyIdOf(shredded.VaultId, new BackupSubject(BackupSubjectKind.User, resident)), shredded.KeysDestroyed);
        long residentFrames = 0, readable = 0, residentRecords = 0;
        BackupReader.Read(f.BackupFile, f.Fork.Keys, f.Fork.Keys.KeyDirectory, (in BackupFrame frame) =>
        {
            var isResident = frame.Subject.Kind == BackupSubjectKind.User ? scope.IncludesUser(frame.Subject.Id) : scope.IncludesCreator(frame.Subject.Id);
            if (isResident)
            {
                Assert.Equal(BackupFrameStatus.KeyDestroyed, frame.Status);
                Assert.True(frame.Plaintext.IsEmpty);
                residentFrames++;
                residentRecords += frame.Records;
            }
            else
            {
                Assert.Equal(BackupFrameStatus.Readable, frame.Status);
                readable += frame.Records;
            }
        });
        Assert.Equal(shredded.Frames, residentFrames);
        Assert.Equal(shredded.Records, residentRecords);
        Assert.True(readable > 0);
    }

    [Fact]
    public async Task DryRunAsync_ChangesNothingAndPredictsTheCertificate()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var counts = await f.Fork.Source.Catalog.CountAsync();
        var head = await f.Fork.Source.Events.GetHeadAsync();
        var vault = Directory.EnumerateFiles(Path.Combine(f.Fork.Keys.KeyDirectory, BackupKeyVault.DirectoryName)).Single();
        var vaultBytes = await File.ReadAllBytesAsync(vault);

        var preview = await OriginPurger.DryRunAsync(f.Options());

        Assert.Equal(counts, await f.Fork.Source.Catalog.CountAsync());
        Assert.Equal(head, await f.Fork.Source.Events.GetHeadAsync());
        Assert.Equal(vaultBytes, await File.ReadAllBytesAsync(vault));
        Assert.False(Directory.Exists(f.Options().StatePath));
        Assert.True(Directory.Exists(Path.Combine(f.Fork.Repository, "chunks")));
        Assert.True(preview.Plan.Records > 0);

        var (certificate, _) = await OriginPurger.PurgeAsync(f.Options());
        Assert.Equal(preview.Plan.Tables, certificate.Tables);
        Assert.Equal(preview.Backups.Single().KeysDestroyed, certificate.Backups.Single().KeysDestroyed);
        Assert.Equal(preview.OnlineFeatureEntities, certificate.OnlineFeatureEntities);
    }

    [Fact]
    public async Task PurgeAsync_BeforeCutoverFreeze_RefusesAndChangesNothing()
    {
        await using var f = await PurgeFixture.CreateAsync(freeze: false);
        var counts = await f.Fork.Source.Catalog.CountAsync();

        var refused = await Assert.ThrowsAsync<PurgeRefusedException>(() => OriginPurger.PurgeAsync(f.Options()));

        Assert.Contains("not frozen", refused.Message, StringComparison.Ordinal);
        Assert.Equal(counts, await f.Fork.Source.Catalog.CountAsync());
        await Assert.ThrowsAsync<PurgeRefusedException>(() => OriginPurger.DryRunAsync(f.Options()));
    }

    [Fact]
    public async Task PurgeAsync_InsideRetentionWindow_RefusesUntilItPasses()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var counts = await f.Fork.Source.Catalog.CountAsync();

        var refused = await Assert.ThrowsAsync<PurgeRefusedException>(() => OriginPurger.PurgeAsync(f.Options(TimeSpan.FromDays(32))));

        Assert.Contains("retention window is not over", refused.Message, StringComparison.Ordinal);
        Assert.Equal(counts, await f.Fork.Source.Catalog.CountAsync());
        f.Clock.Advance(TimeSpan.FromDays(1));
        var (certificate, _) = await OriginPurger.PurgeAsync(f.Options(TimeSpan.FromDays(32)));
        Assert.Equal((long)TimeSpan.FromDays(32).TotalSeconds, certificate.RetentionSeconds);
    }

    [Fact]
    public async Task PurgeAsync_CancelledMidWayThenRerun_CertifiesWhatTheDryRunPredicted()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var preview = await OriginPurger.DryRunAsync(f.Options());
        using var cancel = new CancellationTokenSource();
        var progress = new Stop(cancel, "purge catalog");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OriginPurger.PurgeAsync(f.Options(), progress, cancel.Token));
        Assert.True(File.Exists(Path.Combine(f.Options().StatePath, PurgeJournal.FileName)));
        var (certificate, bytes) = await OriginPurger.PurgeAsync(f.Options());

        Assert.Equal(preview.Plan.Tables, certificate.Tables);
        Assert.True((await f.Verifier(PurgeScope.Load(f.Options().StatePath)!).VerifyAsync()).Clean);
        var (again, againBytes) = await OriginPurger.PurgeAsync(f.Options());
        Assert.Equal(bytes, againBytes);
        Assert.Equal(certificate.PurgeId, again.PurgeId);
    }

    [Fact]
    public async Task Verify_OneResidentRowLeftInTheStore_NamesIt()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var scope = PurgeScope.From(await f.Fork.ScopeAsync(), f.Fork.PolicySha256);
        var resident = (await f.Fork.Source.Catalog.GetUserAsync(scope.UserIds[0]))!;
        await OriginPurger.PurgeAsync(f.Options());

        await f.Fork.Source.Catalog.UpsertUsersAsync([resident]);
        var report = await f.Verifier(scope).VerifyAsync();

        var survivor = Assert.Single(report.Survivors);
        Assert.Equal(1, report.SurvivorCount);
        Assert.Equal(("users", resident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (survivor.Table, survivor.Key));
    }

    [Fact]
    public async Task Verify_BackupNotShredded_NamesEachReadableResidentFrame()
    {
        await using var f = await PurgeFixture.CreateAsync();
        await OriginPurger.PurgeAsync(f.Options(withBackups: false));
        var scope = PurgeScope.Load(f.Options().StatePath)!;

        var report = await f.Verifier(scope).VerifyAsync();

        Assert.False(report.Clean);
        Assert.All(report.Survivors, s => Assert.Equal(f.BackupFile, s.Where));
        Assert.Contains(report.Survivors, s => s.Detail.Contains("still decrypt under key bk-", StringComparison.Ordinal));
        Assert.Equal(0, report.ShreddedFrames);
    }

    [Fact]
    public async Task PurgeAsync_OnlineFeatures_ResidentsGoneOthersKept()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var scope = PurgeScope.From(await f.Fork.ScopeAsync(), f.Fork.PolicySha256);
        var other = (await f.Fork.Source.Catalog.ListUsersAsync(0, 10_000)).First(u => !scope.IncludesUser(u.Id)).Id;

        var (certificate, _) = await OriginPurger.PurgeAsync(f.Options());

        Assert.False(f.Online.Contains(FeatureEntity.User, scope.UserIds[0]));
        Assert.True(f.Online.Contains(FeatureEntity.User, other));
        Assert.Equal(scope.UserIds.Length, certificate.OnlineFeatureEntities);
    }

    [Fact]
    public async Task Verify_TamperedCertificate_Fails()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var (certificate, bytes) = await OriginPurger.PurgeAsync(f.Options());
        using var key = f.Fork.Keys.OpenVerificationKey();
        var spki = key.ExportSubjectPublicKeyInfo();
        var signature = await File.ReadAllBytesAsync(Path.Combine(f.Options().StatePath, DeletionCertificateFile.SignatureName));
        Assert.Equal(bytes, DeletionCertificateFile.Encode(DeletionCertificateFile.Verify(bytes, signature, spki)));

        var users = certificate.Tables.Single(t => t.Table == "users").Records;
        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace(
            $"\"table\":\"users\",\"records\":{users}", $"\"table\":\"users\",\"records\":{users - 1}", StringComparison.Ordinal));
        Assert.NotEqual(bytes, tampered);

        var error = Assert.Throws<PurgeCertificateException>(() => DeletionCertificateFile.Verify(tampered, signature, spki));
        Assert.Contains("does not match its signature", error.Message, StringComparison.Ordinal);
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        Assert.Throws<PurgeCertificateException>(() => DeletionCertificateFile.Verify(bytes, signature, stranger.ExportSubjectPublicKeyInfo()));
    }

    private sealed class Stop(CancellationTokenSource cancel, string stage) : IProgress<Export.ForkProgress>
    {
        public void Report(Export.ForkProgress value)
        {
            if (value.Stage == stage)
            {
                cancel.Cancel();
            }
        }
    }
}
