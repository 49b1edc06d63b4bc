using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Ranking;
using Whisper.Server.Auth;
using Whisper.Server.Tests.Infrastructure;
using Whisper.Storage;

namespace Whisper.Server.Tests.Feed;

/// <summary>
/// The real server on 127.0.0.1:0 over a real SQLite store, with a feed: users 1–3 (1 and 2 known to the model, 3 cold),
/// 200 videos by 20 creators, stand-in ANN, trending and fresh sources. Dispose stops it and deletes the folder.
/// </summary>
public sealed class FeedServerHost : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory;
    private readonly StrongBox<int> _nudges;

    private FeedServerHost(string directory, IWhisperStore store, WebApplication app, string viewerKey, string ingestKey, StrongBox<int> nudges)
    {
        _nudges = nudges;
        _directory = directory;
        Store = store;
        App = app;
        ViewerKey = viewerKey;
        IngestKey = ingestKey;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/") };
    }

    public IWhisperStore Store { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string ViewerKey { get; }

    public string IngestKey { get; }

    /// <summary>Times the server's ingest hook fired (it nudges the engine in production).</summary>
    public int IngestNudges => Volatile.Read(ref _nudges.Value);

    public static async Task<FeedServerHost> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("whisper-feed-server-").FullName;
        var keysPath = Path.Combine(directory, "keys.json");
        var viewerKey = await ApiKeyStore.CreateKeyAsync(keysPath, "test-viewer", ApiKeyRoles.Viewer);
        var ingestKey = await ApiKeyStore.CreateKeyAsync(keysPath, "test-ingest", ApiKeyRoles.Ingest);
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(directory, "whisper.db")));
        await store.Catalog.UpsertUsersAsync([.. Enumerable.Range(1, 3).Select(u => new User(u, "u" + u, "US", "198.51.100.7", "US", "US", T0))]);
        await store.Catalog.UpsertCreatorsAsync([.. Enumerable.Range(1, 20).Select(c => new Creator(c, c, "c" + c, "US", T0))]);
        await store.Catalog.UpsertVideosAsync([.. Enumerable.Range(1, 200).Select(v => new Video(v, 1 + (v % 20), 12_000, T0.AddMinutes(v), ["topic" + (v % 9)], "en", Regions.Us))]);
        var catalog = await CatalogView.LoadAsync(store.Catalog);
        var model = new StubModel();
        var all = Enumerable.Range(1, 200).Select(v => (long)v).ToArray();
        ICandidateSource[] sources =
        [
            new StubSource(CandidateOrigin.Ann, [.. all.OrderBy(v => (v * 37) % 200)], requiresVector: true),
            new StubSource(CandidateOrigin.Trending, [.. all.OrderBy(v => (v * 13) % 200)], requiresVector: false),
            new StubSource(CandidateOrigin.Fresh, [.. all.Reverse()], requiresVector: false),
        ];
        var feed = new FeedService(store.Events, catalog, model, sources, new RankerSlot(new ModelScoreRanker(model)));
        var settings = new WhisperServerSettings { Urls = "http://127.0.0.1:0", ApiKeysPath = keysPath };
        var nudges = new StrongBox<int>();
        var app = WhisperServerApp.Build(settings, store, logging => logging.AddProvider(new CapturingLoggerProvider()), feed,
            () => Interlocked.Increment(ref nudges.Value));
        await app.StartAsync();
        return new FeedServerHost(directory, store, app, viewerKey, ingestKey, nudges);
    }

    public Task<HttpResponseMessage> SendIngestAsync(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IngestKey);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class StubModel : IEmbeddingModel
    {
        public int Dimension => 2;

        public string Version => "stub-7";

        public long Position => 0;

        public bool TryGetUserVector(long userId, Span<float> destination)
        {
            destination[..2].Fill(1);
            return userId <= 2;
        }

        public bool TryGetVideoVector(long videoId, Span<float> destination) => false;

        public float Score(long userId, long videoId) => userId <= 2 ? ((userId * 31) + (videoId * 17)) % 100 : 0;
    }

    private sealed class StubSource(CandidateOrigin origin, long[] videos, bool requiresVector) : ICandidateSource
    {
        public CandidateOrigin Origin => origin;

        public void Collect(FeedRequest request, int budget, List<Candidate> into)
        {
            if (requiresVector && request.UserVector.Length == 0)
            {
                return;
            }

            for (var i = 0; i < videos.Length && i < budget; i++)
            {
                into.Add(new Candidate(videos[i], videos.Length - i, origin));
            }
        }
    }
}
