using System.Data.Common;

using Microsoft.Data.Sqlite;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// Parsed SQLite store location. Accepts a plain file path or a full Microsoft.Data.Sqlite connection string
/// (recognised by a <c>Data Source=</c>, <c>DataSource=</c> or <c>Filename=</c> keyword). A full string may carry
/// one extra keyword, <c>Synchronous=Normal|Full|Extra</c> (default Normal), which is taken out before the rest
/// goes to Microsoft.Data.Sqlite.
/// </summary>
internal sealed record SqliteStoreSettings(string ConnectionString, string DataSource, string Synchronous)
{
    private static readonly string[] SynchronousModes = ["NORMAL", "FULL", "EXTRA"];

    public static SqliteStoreSettings Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The SQLite store needs a file path (e.g. .whisper/us.db) or a connection string (Data Source=...).", nameof(value));
        }

        SqliteConnectionStringBuilder builder;
        var synchronous = "NORMAL";
        if (LooksLikeConnectionString(value))
        {
            var generic = new DbConnectionStringBuilder { ConnectionString = value };
            if (generic.TryGetValue("Synchronous", out var requested))
            {
                synchronous = Convert.ToString(requested, System.Globalization.CultureInfo.InvariantCulture)!.Trim().ToUpperInvariant();
                if (Array.IndexOf(SynchronousModes, synchronous) < 0)
                {
                    throw new ArgumentException($"Synchronous={requested} is not supported; use Normal (survives a process kill) or Full (also survives power loss).", nameof(value));
                }

                generic.Remove("Synchronous");
            }

            builder = new SqliteConnectionStringBuilder(generic.ConnectionString);
        }
        else
        {
            builder = new SqliteConnectionStringBuilder { DataSource = value };
        }

        if (builder.DataSource.Length == 0 || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("An in-memory SQLite database cannot be shared by the writer and reader connections; use a file (a temp file for tests).", nameof(value));
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("Mode=ReadOnly cannot host the store: opening creates and migrates the schema. Remove Mode.", nameof(value));
        }

        builder.Pooling = true;
        return new SqliteStoreSettings(builder.ToString(), builder.DataSource, synchronous);
    }

    private static bool LooksLikeConnectionString(string value) =>
        value.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("DataSource=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Filename=", StringComparison.OrdinalIgnoreCase);
}
