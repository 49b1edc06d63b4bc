using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using Whisper.FeatureStore.Sessions;
using Whisper.Server.Sessions;

namespace Whisper.Cutover.Tests.Gateway;

/// <summary>
/// A tiny region on a loopback port: <c>/v1/feed?user=</c> answers with its own name and the items of the user's live
/// session (so a test sees which side answered and that a handed-over session is used), the session handoff endpoints,
/// and a parity verdict.
/// </summary>
internal sealed class LoopbackRegion : IAsyncDisposable
{
    public const string Token = "handoff-token-for-tests-0123456789";

    private readonly WebApplication _app;

    private LoopbackRegion(WebApplication app, string name, SessionStateStore sessions)
    {
        _app = app;
        Name = name;
        Sessions = sessions;
    }

    public string Name { get; }

    public SessionStateStore Sessions { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public int FeedRequests => _feedRequests;

    /// <summary>TCP connections accepted, whatever came of them: zero proves nothing ever reached this region.</summary>
    public int Connections => _connections;

    private int _feedRequests;
    private int _connections;

    /// <summary>Starts the region on <paramref name="address"/> (default 127.0.0.1), port 0.</summary>
    public static async Task<LoopbackRegion> StartAsync(string name, IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        LoopbackRegion? region = null;
        builder.WebHost.UseKestrel(k => k.Listen(address ?? IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
        {
            Interlocked.Increment(ref region!._connections);
            return next(connection);
        })));
        var app = builder.Build();
        region = new LoopbackRegion(app, name, new SessionStateStore());
        app.MapGet("/v1/feed", (long? user) =>
        {
            Interlocked.Increment(ref region._feedRequests);
            var items = user is { } u && region.Sessions.TryGet(u, out var s) ? s!.ItemsSeen : [];
            return Results.Json(new { backend = name, items_seen = items });
        });
        app.MapGet("/v1/parity/verdict", () => Results.Json(new { verdict = "pass", reasons = Array.Empty<string>() }));
        app.MapSessionHandoff(region.Sessions, name, Token);
        await app.StartAsync();
        region.BaseAddress = new Uri(app.Urls.First());
        return region;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
