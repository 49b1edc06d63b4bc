namespace Whisper.Storage.Catalog;

/// <summary>
/// SQL of the catalog change feed (the <c>catalog_changes</c> table, a transactional outbox) that is the same on
/// both engines; only the table prefix differs. The providers append to it inside each upsert's transaction
/// (<see cref="Sqlite.SqliteCatalogWriter"/>, <see cref="Postgres.PostgresCatalogWriter"/>).
/// </summary>
internal static class CatalogChangeFeed
{
    /// <summary>
    /// Fills an empty change table with one change per stored catalog row, numbered 1.. in (table kind, key) order.
    /// Run once, when a store made before the change feed existed is migrated, so that a reader starting from
    /// position 0 still meets every row.
    /// </summary>
    public static string BackfillSql(string tablePrefix) => $"""
        INSERT INTO {tablePrefix}catalog_changes (sequence, table_kind, key1, key2)
        SELECT row_number() OVER (ORDER BY k, key1, key2), k, key1, key2 FROM (
            SELECT {(int)CatalogTableKind.Users} AS k, id AS key1, 0 AS key2 FROM {tablePrefix}users
            UNION ALL SELECT {(int)CatalogTableKind.Creators}, id, 0 FROM {tablePrefix}creators
            UNION ALL SELECT {(int)CatalogTableKind.Videos}, id, 0 FROM {tablePrefix}videos
            UNION ALL SELECT {(int)CatalogTableKind.Follows}, follower_id, creator_id FROM {tablePrefix}follows
            UNION ALL SELECT {(int)CatalogTableKind.LiveSessions}, id, 0 FROM {tablePrefix}live_sessions
            UNION ALL SELECT {(int)CatalogTableKind.Products}, id, 0 FROM {tablePrefix}products
            UNION ALL SELECT {(int)CatalogTableKind.Orders}, id, 0 FROM {tablePrefix}orders) AS existing
        """;

    public static string HeadSql(string tablePrefix) => $"SELECT coalesce(max(sequence), 0) FROM {tablePrefix}catalog_changes";

    public static string ReadSql(string tablePrefix) =>
        $"SELECT sequence, table_kind, key1, key2 FROM {tablePrefix}catalog_changes WHERE sequence > @after ORDER BY sequence LIMIT @max";
}
