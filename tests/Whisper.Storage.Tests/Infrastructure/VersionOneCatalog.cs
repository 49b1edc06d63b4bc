namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>
/// Rows a version-1 store (made before the catalog change feed) holds in the migration tests, inserted by hand in
/// an order different from key order, and the changes the migration must backfill for them.
/// </summary>
public static class VersionOneCatalog
{
    /// <summary>INSERTs for the version-1 tables; <paramref name="p"/> is the table prefix (empty, or a quoted schema and a dot).</summary>
    public static string RowsSql(string p) => $"""
        INSERT INTO {p}users VALUES (2, 'bo', 'DE', '::1', 'DE', 'DE', 1767225600123);
        INSERT INTO {p}users VALUES (1, 'ana', 'US', '::1', 'US', 'US', 1767225600123);
        INSERT INTO {p}creators VALUES (10, 1, 'Ana Cooks', 'US', 1767225600123);
        INSERT INTO {p}videos VALUES (30, 10, 15000, 1767225600123, '["food"]', 'en', 'us');
        INSERT INTO {p}follows VALUES (2, 10, 1767225600123);
        INSERT INTO {p}follows VALUES (1, 10, 1767225600123);
        INSERT INTO {p}products VALUES (50, 10, 'Knife', 2999, 'USD');
        INSERT INTO {p}orders VALUES (61, 1, 50, 1, 2999, 'USD', 'US', 1767225600123);
        INSERT INTO {p}orders VALUES (60, 2, 50, 1, 2999, 'USD', 'DE', 1767225600123);
        """;

    public static IReadOnlyList<CatalogChange> BackfilledChanges { get; } =
    [
        new(1, CatalogTableKind.Users, 1, 0),
        new(2, CatalogTableKind.Users, 2, 0),
        new(3, CatalogTableKind.Creators, 10, 0),
        new(4, CatalogTableKind.Videos, 30, 0),
        new(5, CatalogTableKind.Follows, 1, 10),
        new(6, CatalogTableKind.Follows, 2, 10),
        new(7, CatalogTableKind.Products, 50, 0),
        new(8, CatalogTableKind.Orders, 60, 0),
        new(9, CatalogTableKind.Orders, 61, 0),
    ];

    public static async Task<List<CatalogChange>> ReadAllChangesAsync(ICatalogStore catalog)
    {
        var all = new List<CatalogChange>();
        long position = 0;
        while (await catalog.ReadChangesAsync(position, 1_000, all) > 0)
        {
            position = all[^1].Sequence;
        }

        return all;
    }
}
