using System.CommandLine;

using Whisper.Storage;

namespace Whisper.Cli.Commands;

/// <summary>The --provider and --store options every verb that touches a store shares.</summary>
public sealed class StoreSelection
{
    public const string DefaultSqlitePath = ".whisper/whisper.db";

    /// <summary>The usual <c>--provider</c> / <c>--store</c> pair.</summary>
    public StoreSelection()
        : this(null)
    {
    }

    /// <summary>A named store for verbs that touch two (the fork's <c>--source</c> and <c>--target</c>): <c>--{role}</c> and <c>--{role}-provider</c>.</summary>
    public StoreSelection(string? role)
    {
        var what = role is null ? "Store" : $"The {role} region's store";
        Provider = new(role is null ? "--provider" : $"--{role}-provider")
        {
            Description = $"{what} provider: sqlite (embedded default) or postgres.",
            DefaultValueFactory = _ => StoreProvider.Sqlite,
        };
        Store = new(role is null ? "--store" : $"--{role}")
        {
            Description = $"{what}: SQLite file path{(role is null ? $" (default {DefaultSqlitePath})" : string.Empty)} or PostgreSQL connection string.",
            Required = role is not null,
        };
    }

    public Option<StoreProvider> Provider { get; }

    public Option<string?> Store { get; }

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
                throw new UsageException($"{Provider.Name} postgres needs {Store.Name} \"Host=...;Username=...;Password=...\".");
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
