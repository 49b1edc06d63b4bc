using System.Net;

namespace Whisper.Security.Egress;

/// <summary>
/// Keeps requests off HTTP/3. SocketsHttpHandler opens QUIC connections itself, without the ConnectCallback, when a
/// request asks for version 3 or (over https) allows a higher version (Alt-Svc upgrade). This handler, innermost in
/// every guarded pipeline, rewrites such requests to the same versions minus HTTP/3 and refuses those that accept
/// nothing but HTTP/3.
/// </summary>
internal sealed class EgressHttpVersionHandler(EgressGuard guard) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Clamp(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Clamp(request);
        return base.Send(request, cancellationToken);
    }

    private void Clamp(HttpRequestMessage request)
    {
        if (request.RequestUri is null)
        {
            return;
        }

        if (request.Version.Major >= 3)
        {
            if (request.VersionPolicy != HttpVersionPolicy.RequestVersionOrLower)
            {
                throw guard.DenyHttp3(request);
            }

            request.Version = HttpVersion.Version20; // 3-or-lower becomes 2-or-lower
        }
        else if (request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
        {
            // 1.x-or-higher becomes 2-or-lower (ALPN still offers h2 and http/1.1); 2-or-higher becomes exactly 2.
            request.VersionPolicy = request.Version.Major >= 2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;
            request.Version = HttpVersion.Version20;
        }
    }
}
