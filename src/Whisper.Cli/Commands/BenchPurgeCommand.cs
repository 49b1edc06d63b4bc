using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Data.Sqlite;

using Whisper.Cli.Console;
using Whisper.Fork.Export;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Purge;
using Whisper.Fork.Residency;
using Whisper.Fork.Scope;
using Whisper.Fork.Sync;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper bench purge</c>: origin purge throughput (resident records removed per second, the whole verb: classify,
/// plan with hashes, batched erasure with change-feed rows, certificate) and verify-purge scan throughput, each against
/// a same-run baseline on an identical copy of the store: one plain <c>DELETE … IN (…)</c> per table, and a plain
/// full-table <c>SELECT</c> of every row. JSON on stdout.
/// </summary>
public static class BenchPurgeCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "Users in the generated origin world.", DefaultValueFactory = _ => 20_000 };
        var days = new Option<int>("--days") { Description = "Days of events generated.", DefaultValueFactory = _ => 7 };
        var command = new Command("purge", "Measure origin purge and verify-purge throughput (records/s) against plain DELETE and full-scan baselines on the same store.") { users, days };
        command.SetAction(async (parse, ct) =>
        {
            var userCount = ForkExportCommandRange(parse.GetValue(users), 100, 5_000_000, "--users");
            var dayCount = ForkExportCommandRange(parse.GetValue(days), 1, 365, "--days");
            var work = Directory.CreateTempSubdirectory("whisper-bench-purge-").FullName;
            try
            {
                var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, _ => RunAsync(work, userCount, dayCount, ct)).ConfigureAwait(false);
                console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return result["verify_clean"]!.GetValue<bool>() ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    private static int ForkExportCommandRange(int value, int min, int max, string option) => Fork.ForkExportCommand.CheckedRange(value, min, max, option);

    private static async Task<JsonObject> RunAsync(string work, int users, int days, CancellationToken ct)
    {
        var sourcePath = Path.Combine(work, "origin.db");
        var baselinePath = Path.Combine(work, "baseline.db");
        var policyPath = Path.Combine(AppContext.BaseDirectory, Fork.ForkOptions.DefaultPolicy);
        var classifier = new ResidencyClassifier(ResidencyPolicy.Load(policyPath), SyntheticIpCountryLookup.Instance);
        var policySha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(policyPath, ct).ConfigureAwait(false)));
        var keys = FileKeyProvider.Create(Path.Combine(work, "keys"));
        var repository = Path.Combine(work, "repo");
        ResidentSet residents;
        await using (var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, sourcePath), ct).ConfigureAwait(false))
        {
            await WorldWriter.WriteAsync(new WorldOptions { Users = users, Videos = Math.Max(100, users / 2), Days = days, Seed = 11 }, store, Path.Combine(work, "truth.wgt"), cancellationToken: ct).ConfigureAwait(false);
            residents = await ResidentSets.BuildAsync(store, classifier, ct: ct).ConfigureAwait(false);
            var manifest = await new ForkExporter(store, keys, residents).ExportAsync(
                new ExportOptions { Repository = repository, TargetRegion = classifier.Policy.TargetRegion, Mode = classifier.Policy.Mode, PolicySha256 = policySha }, ct: ct).ConfigureAwait(false);
            (SyncState.Load(repository, manifest) with { FrozenAt = DateTimeOffset.UtcNow }).Save(repository);
        }

        SqliteConnection.ClearAllPools();
        File.Copy(sourcePath, baselinePath);

        // The verb, end to end.
        var purgeClock = Stopwatch.StartNew();
        DeletionCertificate certificate;
        PurgeVerifyReport report;
        TimeSpan verifyTime;
        await using (var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, sourcePath), ct).ConfigureAwait(false))
        {
            (certificate, _) = await OriginPurger.PurgeAsync(new PurgeOptions
            {
                Source = store,
                SourceIdentity = new PurgeStoreIdentity("sqlite", sourcePath),
                Repository = repository,
                Keys = keys,
                KeyDirectory = keys.KeyDirectory,
                Classifier = classifier,
                PolicySha256 = policySha,
                Retention = TimeSpan.Zero,
            }, ct: ct).ConfigureAwait(false);
            purgeClock.Stop();

            var verifyClock = Stopwatch.StartNew();
            report = await new PurgeVerifier(PurgeScope.Load(Path.Combine(repository, "purge"))!) { Source = store }.VerifyAsync(ct: ct).ConfigureAwait(false);
            verifyTime = verifyClock.Elapsed;
        }

        var removed = certificate.Tables.Sum(t => t.Records);
        var (baselineDeleted, baselineDelete) = PlainDelete(baselinePath, residents);
        var (baselineScanned, baselineScan) = PlainScan(baselinePath);
        return new JsonObject
        {
            ["benchmark"] = "purge",
            ["store"] = "sqlite",
            ["users"] = users,
            ["residents"] = certificate.Residents.Users,
            ["records_removed"] = removed,
            ["purge_seconds"] = Round(purgeClock.Elapsed.TotalSeconds),
            ["purge_records_per_second"] = Round(removed / purgeClock.Elapsed.TotalSeconds),
            ["baseline_plain_delete_records"] = baselineDeleted,
            ["baseline_plain_delete_seconds"] = Round(baselineDelete.TotalSeconds),
            ["baseline_plain_delete_records_per_second"] = Round(baselineDeleted / baselineDelete.TotalSeconds),
            ["verify_records_scanned"] = report.RecordsScanned,
            ["verify_seconds"] = Round(verifyTime.TotalSeconds),
            ["verify_records_per_second"] = Round(report.RecordsScanned / verifyTime.TotalSeconds),
            ["baseline_full_scan_records"] = baselineScanned,
            ["baseline_full_scan_records_per_second"] = Round(baselineScanned / baselineScan.TotalSeconds),
            ["verify_clean"] = report.Clean,
        };
    }

    /// <summary>The floor for removal: one plain DELETE per table on the same rows, one transaction, no hashing, no change feed.</summary>
    private static (long Deleted, TimeSpan Elapsed) PlainDelete(string path, ResidentSet residents)
    {
        var userIds = "[" + string.Join(',', residents.UserIds.ToArray()) + "]";
        var creatorIds = "[" + string.Join(',', residents.CreatorIds.ToArray()) + "]";
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var clock = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        long deleted = 0;
        foreach (var sql in (string[])[
            "DELETE FROM events WHERE user_id IN (SELECT value FROM json_each($u))",
            "DELETE FROM follows WHERE follower_id IN (SELECT value FROM json_each($u)) OR creator_id IN (SELECT value FROM json_each($c))",
            "DELETE FROM orders WHERE user_id IN (SELECT value FROM json_each($u))",
            "DELETE FROM videos WHERE creator_id IN (SELECT value FROM json_each($c))",
            "DELETE FROM live_sessions WHERE creator_id IN (SELECT value FROM json_each($c))",
            "DELETE FROM products WHERE creator_id IN (SELECT value FROM json_each($c))",
            "DELETE FROM creators WHERE id IN (SELECT value FROM json_each($c))",
            "DELETE FROM users WHERE id IN (SELECT value FROM json_each($u))"])
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$u", userIds);
            command.Parameters.AddWithValue("$c", creatorIds);
            deleted += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return (deleted, clock.Elapsed);
    }

    /// <summary>The floor for scanning: every column of every row of every table, read and dropped.</summary>
    private static (long Rows, TimeSpan Elapsed) PlainScan(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        var clock = Stopwatch.StartNew();
        long rows = 0;
        foreach (var table in (string[])["users", "creators", "videos", "follows", "live_sessions", "products", "orders", "events"])
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM " + table;
            using var reader = command.ExecuteReader();
            var values = new object[reader.FieldCount];
            while (reader.Read())
            {
                reader.GetValues(values);
                rows++;
            }
        }

        return (rows, clock.Elapsed);
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
