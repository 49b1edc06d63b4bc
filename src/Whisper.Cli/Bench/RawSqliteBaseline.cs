using System.Diagnostics;

using Microsoft.Data.Sqlite;

using Whisper.Core.Domain;

namespace Whisper.Cli.Bench;

/// <summary>
/// The floor the event log is compared with: the same rows, one prepared INSERT per row and one transaction per
/// batch, into a bare table with no de-duplication index and no sequence bookkeeping, with the same WAL settings.
/// </summary>
public static class RawSqliteBaseline
{
    public static double EventsPerSecond(string path, IReadOnlyList<ArraySegment<EngagementEvent>> batches)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(connection, "CREATE TABLE raw_events (client_event_id BLOB, user_id INTEGER, video_id INTEGER, kind INTEGER, occurred_at INTEGER, watch_time_ms INTEGER, product_id INTEGER)");

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw_events VALUES ($id, $user, $video, $kind, $at, $watch, $product)";
        var id = insert.Parameters.Add("$id", SqliteType.Blob);
        var user = insert.Parameters.Add("$user", SqliteType.Integer);
        var video = insert.Parameters.Add("$video", SqliteType.Integer);
        var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var watch = insert.Parameters.Add("$watch", SqliteType.Integer);
        var product = insert.Parameters.Add("$product", SqliteType.Integer);

        var clock = Stopwatch.StartNew();
        long rows = 0;
        foreach (var batch in batches)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            foreach (var e in batch)
            {
                id.Value = e.ClientEventId.ToByteArray();
                user.Value = e.UserId;
                video.Value = e.VideoId;
                kind.Value = (int)e.Kind;
                at.Value = e.OccurredAt.ToUnixTimeMilliseconds();
                watch.Value = e.WatchTimeMs;
                product.Value = e.ProductId;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            rows += batch.Count;
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
