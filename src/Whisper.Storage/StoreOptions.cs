namespace Whisper.Storage;

/// <summary>Which provider a region's store runs on.</summary>
public enum StoreProvider
{
    /// <summary>Embedded SQLite file: the default, needs nothing installed.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql, for more than one machine can hold.</summary>
    Postgres,
}

/// <summary>
/// Where a store lives. For SQLite, <see cref="ConnectionString"/> is a file path or a full
/// Microsoft.Data.Sqlite connection string; for PostgreSQL, an Npgsql connection string.
/// </summary>
public sealed record StoreOptions(StoreProvider Provider, string ConnectionString)
{
    /// <summary>PostgreSQL schema that holds the tables, so two regions can share one test server.</summary>
    public string Schema { get; init; } = "whisper";
}
