using System.CommandLine;

using Whisper.Storage;

namespace Whisper.Cli.Commands;

/// <summary>The --provider and --store options every verb that touches a store shares.</summary>
public sealed class StoreSelection
{
    public const string DefaultSqlitePath = ".whisper/whisper.db";

    public Option<StoreProvider> Provider { get; } = new("--provider")
    {
        Description = "Store provider: sqlite (embedded default) or postgres.",
        DefaultValueFactory = _ => StoreProvider.Sqlite,
    };

    public Option<string?> Store { get; } = new("--store")
    {
        Description = $"SQLite file path (default {DefaultSqlitePath}) or PostgreSQL connection string.",
    };

    public void AddTo(Command command)
    {
        command.Add(Provider);
        command.Add(Store);
    }

    /// <summary>Builds store options, creating the SQLite file's folder; bad combinations are a usage error.</summary>
    public StoreOptions Resolve(ParseResult parse)
    {
        var provider = parse.GetValue(Provider);
        var store = parse.GetValue(Store);
        if (provider == StoreProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(store))
            {
                throw new UsageException("--provider postgres needs --store \"Host=...;Username=...;Password=...\".");
            }

            return new StoreOptions(provider, store);
        }

        var path = string.IsNullOrWhiteSpace(store) ? DefaultSqlitePath : store;
        if (!path.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        return new StoreOptions(StoreProvider.Sqlite, path);
    }
}
