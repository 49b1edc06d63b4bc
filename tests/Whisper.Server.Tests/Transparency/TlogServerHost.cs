using System.Net.Http.Headers;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

using Whisper.Security.Transparency;
using Whisper.Server.Auth;
using Whisper.Server.Tests.Infrastructure;
using Whisper.Server.Transparency;
using Whisper.Storage;

namespace Whisper.Server.Tests.Transparency;

/// <summary>
/// The real server on 127.0.0.1:0 (SQLite store, one key per role) with the transparency log mapped onto the built
/// app the way WhisperServerApp.Build maps it, over a real log in a temp directory. Dispose stops and deletes all.
/// </summary>
public sealed class TlogServerHost : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, string> _keys;

    private TlogServerHost(string directory, IWhisperStore store, TransparencyLog log, WebApplication app, Dictionary<string, string> keys)
    {
        _directory = directory;
        Store = store;
        Log = log;
        App = app;
        _keys = keys;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/") };
    }

    public IWhisperStore Store { get; }

    public TransparencyLog Log { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string IngestKey => _keys["ingest"];

    public string ViewerKey => _keys["viewer"];

    public string OperatorKey => _keys["operator"];

    public static async Task<TlogServerHost> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("whisper-tlog-server-").FullName;
        var keysPath = Path.Combine(directory, "keys.json");
        var keys = new Dictionary<string, string>
        {
            ["ingest"] = await ApiKeyStore.CreateKeyAsync(keysPath, "test-ingest", ApiKeyRoles.Ingest),
            ["viewer"] = await ApiKeyStore.CreateKeyAsync(keysPath, "test-viewer", ApiKeyRoles.Viewer),
            ["operator"] = await ApiKeyStore.CreateKeyAsync(keysPath, "test-operator", ApiKeyRoles.Operator),
        };
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(directory, "whisper.db")));
        var log = TransparencyLog.Open(Path.Combine(directory, "tlog"));
        var settings = new WhisperServerSettings { Urls = "http://127.0.0.1:0", ApiKeysPath = keysPath };
        var app = WhisperServerApp.Build(settings, store, logging => logging.AddProvider(new CapturingLoggerProvider()));
        app.MapTransparencyLog(log);
        await app.StartAsync();
        return new TlogServerHost(directory, store, log, app, keys);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> AppendAsync(string json, string? key = null, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, "/v1/tlog/entries", key ?? OperatorKey, new StringContent(json, System.Text.Encoding.UTF8, contentType));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
        Log.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
