using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using Whisper.Cutover.Handoff;
using Whisper.FeatureStore.Sessions;

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

    private int _feedRequests;

    public static async Task<LoopbackRegion> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var region = new LoopbackRegion(app, name, new SessionStateStore());
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
