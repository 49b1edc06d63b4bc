namespace Whisper.Security.Egress;

/// <summary>Guarded HTTP handlers: for code that creates <see cref="HttpClient"/> itself, and for the IHttpClientFactory filter.</summary>
public sealed partial class EgressGuard
{
    /// <summary>
    /// A handler for <c>new HttpClient(guard.CreateHandler())</c>: a <see cref="SocketsHttpHandler"/> whose every
    /// connection passes <see cref="ConnectCallback"/>, with proxies off (through a proxy the guard would only see the
    /// proxy), behind a handler that keeps requests off HTTP/3 (QUIC does not use the connect callback).
    /// <paramref name="configure"/> may set timeouts, TLS and pooling; it must not replace the callback or add a proxy.
    /// </summary>
    public HttpMessageHandler CreateHandler(Action<SocketsHttpHandler>? configure = null)
    {
        var sockets = CreateSocketsHttpHandler();
        configure?.Invoke(sockets);
        Guard(sockets, clientName: null);
        return new EgressHttpVersionHandler(this) { InnerHandler = sockets };
    }

    /// <summary>
    /// Guards a <see cref="SocketsHttpHandler"/> that a library creates and owns (YARP's forwarder hands one to
    /// <c>ConfigureHttpClient</c>): its connections pass <see cref="ConnectCallback"/> and proxies go off. One that
    /// already has another connect callback or an explicit proxy is refused with <see cref="InvalidOperationException"/>.
    /// Unlike <see cref="CreateHandler"/> nothing keeps its requests off HTTP/3, so the caller must send HTTP/2 or lower
    /// (QUIC connections do not pass the callback).
    /// </summary>
    public void Apply(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Guard(handler, clientName: null);
    }

    /// <summary>A guarded <see cref="SocketsHttpHandler"/> without the HTTP/3 guard: for IHttpClientFactory, whose filter adds it.</summary>
    internal SocketsHttpHandler CreateSocketsHttpHandler() => new() { ConnectCallback = ConnectCallback, UseProxy = false };

    /// <summary>
    /// Makes sure the innermost handler of a pipeline is guarded: a <see cref="SocketsHttpHandler"/> without a
    /// connect callback gets this guard's (and proxies off); one with this guard's callback passes; anything else is
    /// refused with <see cref="InvalidOperationException"/>, since the guard cannot see its connections.
    /// </summary>
    internal void Guard(HttpMessageHandler handler, string? clientName)
    {
        var leaf = handler;
        while (leaf is DelegatingHandler { InnerHandler: { } inner })
        {
            leaf = inner;
        }

        var who = clientName is null ? "this HttpClient" : $"HttpClient '{clientName}'";
        if (leaf is not SocketsHttpHandler sockets)
        {
            throw new InvalidOperationException(
                $"{who} uses a {leaf.GetType().Name} as its primary handler, so the egress guard cannot see its connections. "
                + "Leave the primary handler to AddEgressGuard or use a SocketsHttpHandler (docs/security/egress-guard.md).");
        }

        if (sockets.ConnectCallback is null)
        {
            sockets.ConnectCallback = ConnectCallback;
            if (clientName is not null)
            {
                Log.HandlerGuarded(_logger, clientName);
            }
        }
        else if (!sockets.ConnectCallback.Equals(ConnectCallback))
        {
            throw new InvalidOperationException(
                $"{who} sets its own SocketsHttpHandler.ConnectCallback, which would bypass the egress guard; remove it (docs/security/egress-guard.md).");
        }

        if (sockets.UseProxy && sockets.Proxy is not null)
        {
            throw new InvalidOperationException(
                $"{who} sends through an explicit proxy, so the egress guard would see only the proxy; remove it (docs/security/egress-guard.md).");
        }

        sockets.UseProxy = false;
    }

    /// <summary>Logs and counts an HTTP/3-only request and returns the exception to throw.</summary>
    internal EgressDeniedException DenyHttp3(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var decision = new EgressDecision { Host = EgressHost.ForTelemetry(uri.IdnHost), Port = uri.Port, Reason = EgressReason.Http3Unguarded };
        Record(decision);
        return new EgressDeniedException(decision, Allowlist.Region);
    }
}
