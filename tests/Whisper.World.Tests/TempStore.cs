using System.Globalization;
using System.Text;

using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.World.Tests;

/// <summary>A temp directory with a real SQLite store in it; deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, IWhisperStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public IWhisperStore Store { get; }

    public static async Task<TempStore> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "whisper-world-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(dir, "store.db")));
        return new TempStore(dir, store);
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public async Task<List<LoggedEvent>> ReadAllEventsAsync()
    {
        var all = new List<LoggedEvent>();
        while (await Store.Events.ReadAsync(all.Count == 0 ? 0 : all[^1].Sequence, 10_000, all) > 0)
        {
        }

        return all;
    }

    /// <summary>Canonical text of every row and event, for comparing two stores.</summary>
    public async Task<string> DumpAsync()
    {
        var c = Store.Catalog;
        var text = new StringBuilder();
        var counts = await c.CountAsync();
        text.AppendLine(counts.ToString());
        await foreach (var u in Page(c.ListUsersAsync, u => u.Id))
        {
            text.AppendLine(u.ToString());
            foreach (var f in await c.ListFollowsAsync(u.Id))
            {
                text.AppendLine(f.ToString());
            }
        }

        await foreach (var x in Page(c.ListCreatorsAsync, x => x.Id))
        {
            text.AppendLine(x.ToString());
        }

        await foreach (var v in Page(c.ListVideosAsync, v => v.Id))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{v with { Hashtags = [] }} [{string.Join(',', v.Hashtags)}]"));
        }

        await foreach (var x in Page(c.ListLiveSessionsAsync, x => x.Id))
        {
            text.AppendLine(x.ToString());
        }

        await foreach (var x in Page(c.ListProductsAsync, x => x.Id))
        {
            text.AppendLine(x.ToString());
        }

        for (var id = 1L; id <= counts.Orders; id++)
        {
            text.AppendLine((await c.GetOrderAsync(id))?.ToString() ?? "missing order");
        }

        foreach (var e in await ReadAllEventsAsync())
        {
            text.AppendLine(e.ToString());
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp directory left behind does not change any result
        }
    }

    private static async IAsyncEnumerable<T> Page<T>(Func<long, int, CancellationToken, Task<IReadOnlyList<T>>> list, Func<T, long> id)
    {
        long after = 0;
        while (true)
        {
            var page = await list(after, 1_000, CancellationToken.None);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var row in page)
            {
                yield return row;
            }

            after = id(page[^1]);
        }
    }
}
