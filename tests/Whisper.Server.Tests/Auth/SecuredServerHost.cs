using System.Net.Http.Headers;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Ranking;
using Whisper.Security.Transparency;
using Whisper.Server.AuditTrail;
using Whisper.Server.Auth;
using Whisper.Server.Sessions;
using Whisper.Server.Tests.Infrastructure;
using Whisper.Storage;

namespace Whisper.Server.Tests.Auth;

/// <summary>
/// The real server on 127.0.0.1:0 with everything mapped: feed, transparency log, audit trail, security alerts, parity
/// results, an API key per role and JWTs signed by a region key in the temp folder. 20 videos by creator 1 are in the catalog.
/// </summary>
public sealed class SecuredServerHost : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Roles = ApiKeyRoleNames.All;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string> _keys;

    private SecuredServerHost(string directory, IWhisperStore store, TransparencyLog log, WebApplication app, Dictionary<string, string> keys, ECDsaSecurityKey signingKey, CapturingLoggerProvider logs)
    {
        Directory = directory;
        Store = store;
        Log = log;
        App = app;
        _keys = keys;
        SigningKey = signingKey;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/") };
    }

    public string Directory { get; }

    public IWhisperStore Store { get; }

    public TransparencyLog Log { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public ECDsaSecurityKey SigningKey { get; }

    public CapturingLoggerProvider Logs { get; }

    public string TrailPath => Path.Combine(Directory, "audit-trail.jsonl");

    public static string KeysPath(string directory) => Path.Combine(directory, "keys.json");

    public static async Task<SecuredServerHost> StartAsync(Func<WhisperServerSettings, WhisperServerSettings>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("whisper-secured-server-").FullName;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in Roles)
        {
            var flag = ApiKeyRoleNames.TryParse(role, out var parsed) ? parsed : throw new InvalidOperationException(role);
            keys[role] = await ApiKeyStore.CreateKeyAsync(KeysPath(directory), "test-" + role, flag);
        }

        var signingPath = Path.Combine(directory, "jwt.pem");
        var signingKey = JwtKeyFiles.OpenOrCreateSigningKey(signingPath, out _);
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(directory, "whisper.db")));
        await store.Catalog.UpsertCreatorsAsync([new Creator(1, 1, "c1", "US", T0)]);
        await store.Catalog.UpsertVideosAsync([.. Enumerable.Range(1, 20).Select(v => new Video(v, 1, 12_000, T0.AddMinutes(v), ["topic"], "en", Regions.Us))]);
        var log = TransparencyLog.Open(Path.Combine(directory, "tlog"));
        var feed = new FeedService(store.Events, await CatalogView.LoadAsync(store.Catalog), new NoModel(), Array.Empty<ICandidateSource>(), new RankerSlot(new ModelScoreRanker(new NoModel())));
        var settings = new WhisperServerSettings
        {
            Urls = "http://127.0.0.1:0",
            ApiKeysPath = KeysPath(directory),
            Jwt = new JwtSettings { VerificationKeyPath = JwtKeyFiles.PublicKeyPath(signingPath) },
            AuditTrail = new AuditTrailSettings { Path = Path.Combine(directory, "audit-trail.jsonl"), AnchorEvery = 3 },
            // No parity run yet: the endpoints are mapped and answer 404, which is all the role checks need.
            ParityResultsDirectory = Path.Combine(directory, "parity"),
            IntegrityEvidenceDirectory = Path.Combine(directory, "integrity"),
            SessionHandoff = new SessionHandoffSettings { Region = "us", TokenPath = HandoffTokenFile(directory) },
        };
        settings = configure?.Invoke(settings) ?? settings;
        var logs = new CapturingLoggerProvider();
        var app = WhisperServerApp.Build(settings, store, logging => logging.AddProvider(logs), feed, transparencyLog: log);
        await app.StartAsync();
        return new SecuredServerHost(directory, store, log, app, keys, signingKey, logs);
    }

    public string Key(string role) => _keys[role];

    /// <summary>A random handoff token in the temp folder, so the session handoff endpoints are mapped too.</summary>
    private static string HandoffTokenFile(string directory)
    {
        var path = Path.Combine(directory, "handoff-token");
        File.WriteAllText(path, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        return path;
    }

    /// <summary>A valid token for <paramref name="subject"/> with the roles named (comma-separated), issued now for an hour.</summary>
    public string Token(string roles, string subject = "alice", TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null, string? issuer = null, string? audience = null)
    {
        var flags = ApiKeyRoleNames.TryParseList(roles, out var parsed) ? parsed : throw new ArgumentException($"unknown roles '{roles}'", nameof(roles));
        var request = new JwtTokenRequest(subject, flags, lifetime ?? TimeSpan.FromHours(1))
        {
            Issuer = issuer ?? JwtDefaults.Issuer,
            Audience = audience ?? JwtDefaults.Audience,
        };
        return JwtTokenIssuer.Issue(SigningKey, request, issuedAt ?? DateTimeOffset.UtcNow);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, string? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
        Log.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A model that knows no one: the feed answers (404 for an unknown user), which is all the auth tests need.</summary>
    private sealed class NoModel : IEmbeddingModel
    {
        public int Dimension => 2;

        public string Version => "none";

        public long Position => 0;

        public bool TryGetUserVector(long userId, Span<float> destination) => false;

        public bool TryGetVideoVector(long videoId, Span<float> destination) => false;

        public float Score(long userId, long videoId) => 0;
    }
}
