using System.Net.Http.Headers;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

using Whisper.Server.Auth;
using Whisper.Server.Client;
using Whisper.Storage;

namespace Whisper.Server.Tests.Infrastructure;

/// <summary>
/// The real server on 127.0.0.1:0 over a real SQLite store in a temp directory, with one API key per role.
/// Dispose stops the server, closes the store and deletes the directory.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, string> _keys;

    private ServerHost(string directory, IWhisperStore store, WebApplication app, Dictionary<string, string> keys, CapturingLoggerProvider logs)
    {
        _directory = directory;
        Store = store;
        App = app;
        _keys = keys;
        Logs = logs;
        BaseAddress = new Uri(app.Urls.First() + "/");
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public IWhisperStore Store { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>No default credentials: each test sets the header it means.</summary>
    public HttpClient Http { get; }

    public CapturingLoggerProvider Logs { get; }

    public string IngestKey => _keys["ingest"];

    public string ViewerKey => _keys["viewer"];

    public string OperatorKey => _keys["operator"];

    public IEnumerable<string> AllKeys => _keys.Values;

    public static async Task<ServerHost> StartAsync(Func<WhisperServerSettings, WhisperServerSettings>? configure = null, Func<IWhisperStore, IWhisperStore>? wrapStore = null)
    {
        var directory = Directory.CreateTempSubdirectory("whisper-server-test-").FullName;
        var keysPath = Path.Combine(directory, "keys.json");
        var keys = new Dictionary<string, string>
        {
            ["ingest"] = await ApiKeyStore.CreateKeyAsync(keysPath, "test-ingest", ApiKeyRoles.Ingest),
            ["viewer"] = await ApiKeyStore.CreateKeyAsync(keysPath, "test-viewer", ApiKeyRoles.Viewer),
            ["operator"] = await ApiKeyStore.CreateKeyAsync(keysPath, "test-operator", ApiKeyRoles.Operator),
        };

        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(directory, "whisper.db")));
        if (wrapStore is not null)
        {
            store = wrapStore(store);
        }

        var settings = new WhisperServerSettings { Urls = "http://127.0.0.1:0", ApiKeysPath = keysPath };
        settings = configure?.Invoke(settings) ?? settings;
        var logs = new CapturingLoggerProvider();
        var app = WhisperServerApp.Build(settings, store, logging => logging.AddProvider(logs));
        await app.StartAsync();
        return new ServerHost(directory, store, app, keys, logs);
    }

    public WhisperClient Client(string? key) => new(Http, key);

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content = null) =>
        Http.SendAsync(Request(method, path, key, content));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
