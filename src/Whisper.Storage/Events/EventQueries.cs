using System.Data.Common;

using Whisper.Core.Domain;

namespace Whisper.Storage.Events;

/// <summary>
/// Event-log reads shared by both providers: the SQL is the same, only the table prefix differs, and how the
/// client id is stored: a native uuid (PostgreSQL) or a 16-byte BLOB in RFC 9562 byte order (SQLite).
/// </summary>
internal sealed class EventQueries(string tablePrefix, Func<CancellationToken, ValueTask<DbConnection>> openReader, bool clientIdIsBlob)
{
    private readonly string _readSql =
        $"SELECT sequence, client_event_id, user_id, video_id, kind, occurred_at, watch_time_ms, product_id FROM {tablePrefix}events WHERE sequence > @after ORDER BY sequence LIMIT @max";

    private readonly string _headSql = HeadSql(tablePrefix);

    /// <summary>
    /// The head: the highest stored sequence, or the floor an erasure left when it deleted the head event, whichever is
    /// higher. <c>greatest</c> on PostgreSQL, the two-argument scalar <c>max</c> on SQLite (an empty prefix).
    /// </summary>
    public static string HeadSql(string tablePrefix) =>
        $"SELECT {(tablePrefix.Length == 0 ? "max" : "greatest")}(coalesce((SELECT max(sequence) FROM {tablePrefix}events), 0), " +
        $"coalesce((SELECT head FROM {tablePrefix}event_log_floor WHERE id = 1), 0))";

    public async Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentNullException.ThrowIfNull(into);

        var connection = await openReader(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _readSql;
            DbParameters.Add(command, "@after", afterPosition);
            DbParameters.Add(command, "@max", maxCount);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var added = 0;
                var scratch = new byte[16];
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    into.Add(new LoggedEvent(
                        reader.GetInt64(0),
                        new EngagementEvent(
                            ReadClientId(reader, scratch),
                            reader.GetInt64(2),
                            reader.GetInt64(3),
                            (EventKind)reader.GetInt16(4),
                            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                            reader.GetInt32(6),
                            reader.GetInt64(7))));
                    added++;
                }

                return added;
            }
        }
    }

    public async Task<long> GetHeadAsync(CancellationToken ct)
    {
        var connection = await openReader(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _headSql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private Guid ReadClientId(DbDataReader reader, byte[] scratch)
    {
        if (!clientIdIsBlob)
        {
            return reader.GetGuid(1);
        }

        reader.GetBytes(1, 0, scratch, 0, 16);
        return new Guid(scratch, bigEndian: true);
    }
}
