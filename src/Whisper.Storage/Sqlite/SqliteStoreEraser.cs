using System.Globalization;
using System.Text;

using Microsoft.Data.Sqlite;

using Whisper.Storage.Catalog;
using Whisper.Storage.Erasure;
using Whisper.Storage.Events;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// Erasure on SQLite, on the store's single writer like every write: id lists travel as one JSON array text
/// parameter read through <c>json_each</c> (SQLite materialises the <c>IN (SELECT …)</c> once per statement), each
/// delete returns its rows' keys, and the change-feed rows are numbered from the head read in the same IMMEDIATE
/// transaction, as upserts do (<see cref="SqliteCatalogWriter"/>).
/// </summary>
internal sealed class SqliteStoreEraser(SqliteWriter writer) : IStoreEraser
{
    private const string Users = "(SELECT value FROM json_each($users))";
    private const string Creators = "(SELECT value FROM json_each($creators))";
    private static readonly string ChangeHeadSql = CatalogChangeFeed.HeadSql(string.Empty);
    private static readonly string EventHeadSql = EventQueries.HeadSql(string.Empty);

    public Task<CatalogErasure> EraseCatalogAsync(IReadOnlyList<long> userIds, IReadOnlyList<long> creatorIds, ErasureRules rules, CancellationToken cancellationToken = default)
    {
        ErasureSql.CheckIds(userIds, nameof(userIds));
        ErasureSql.CheckIds(creatorIds, nameof(creatorIds));
        ArgumentNullException.ThrowIfNull(rules);
        if (userIds.Count == 0 && creatorIds.Count == 0)
        {
            return Task.FromResult(default(CatalogErasure));
        }

        var steps = ErasureSql.CatalogSteps(string.Empty, rules, Users, Creators);
        var state = (Steps: steps, Users: JsonArray(userIds), Creators: JsonArray(creatorIds));
        return writer.RunAsync(state, static (w, s, transaction, ct) => EraseCatalog(w, s.Steps, s.Users, s.Creators, transaction, ct), cancellationToken);
    }

    public Task<long> EraseEventsAsync(IReadOnlyList<long> userIds, long afterSequence, long upToSequence, CancellationToken cancellationToken = default)
    {
        ErasureSql.CheckWindow(userIds, afterSequence, upToSequence);
        if (userIds.Count == 0 || upToSequence == afterSequence)
        {
            return Task.FromResult(0L);
        }

        var state = (Users: JsonArray(userIds), After: afterSequence, UpTo: upToSequence);
        return writer.RunAsync(state, static (w, s, transaction, ct) => EraseEvents(w, s.Users, s.After, s.UpTo, transaction), cancellationToken);
    }

    private static CatalogErasure EraseCatalog(SqliteWriter w, IReadOnlyList<ErasureSql.Step> steps, string users, string creators, SqliteTransaction transaction, CancellationToken ct)
    {
        var changes = w.Resource(nameof(SqliteChangeInsert), 0, static (connection, _) => new SqliteChangeInsert(connection));
        var next = (long)w.Prepared(ChangeHeadSql, 0, transaction).ExecuteScalar()! + 1;
        var tally = default(CatalogErasure);
        foreach (var step in steps)
        {
            ct.ThrowIfCancellationRequested();
            var delete = Command(w, step.Sql, transaction, users, creators);
            long rows = 0;
            using (var reader = delete.ExecuteReader())
            {
                while (reader.Read())
                {
                    changes.Insert(next++, step.Kind, reader.GetInt64(0), reader.GetInt64(1));
                    rows++;
                }
            }

            tally = ErasureSql.Add(tally, step.Kind, rows);
        }

        return tally;
    }

    private static long EraseEvents(SqliteWriter w, string users, long after, long upTo, SqliteTransaction transaction)
    {
        var head = (long)w.Prepared(EventHeadSql, 0, transaction).ExecuteScalar()!;
        var delete = Command(w, $"DELETE FROM events WHERE sequence > $after AND sequence <= $upTo AND user_id IN {Users}", transaction, users, "[]");
        delete.Parameters["$after"].Value = after;
        delete.Parameters["$upTo"].Value = upTo;
        var deleted = delete.ExecuteNonQuery();
        if (deleted > 0)
        {
            var floor = Command(w, "INSERT INTO event_log_floor (id, head) VALUES (1, $head) ON CONFLICT (id) DO UPDATE SET head = max(head, excluded.head)", transaction, "[]", "[]");
            floor.Parameters["$head"].Value = head;
            floor.ExecuteNonQuery();
        }

        return deleted;
    }

    /// <summary>A command cached on the write connection with every parameter the erasure statements use.</summary>
    private static SqliteCommand Command(SqliteWriter w, string sql, SqliteTransaction transaction, string users, string creators)
    {
        var command = w.Resource("erase:" + sql, sql, static (connection, text) =>
        {
            var created = connection.CreateCommand();
            created.CommandText = text;
            foreach (var name in (string[])["$users", "$creators", "$after", "$upTo", "$head"])
            {
                if (text.Contains(name, StringComparison.Ordinal))
                {
                    created.Parameters.Add(new SqliteParameter(name, null));
                }
            }

            return created;
        });
        command.Transaction = transaction;
        if (command.Parameters.Contains("$users"))
        {
            command.Parameters["$users"].Value = users;
        }

        if (command.Parameters.Contains("$creators"))
        {
            command.Parameters["$creators"].Value = creators;
        }

        return command;
    }

    private static string JsonArray(IReadOnlyList<long> ids)
    {
        var text = new StringBuilder(ids.Count * 8 + 2).Append('[');
        for (var i = 0; i < ids.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
