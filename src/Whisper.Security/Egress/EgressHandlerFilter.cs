using Microsoft.Extensions.Http;

namespace Whisper.Security.Egress;

/// <summary>
/// Runs after every IHttpClientFactory client has been configured (defaults, then its own settings) and checks the
/// result: the primary handler must be guarded (<see cref="EgressGuard.Guard"/>), and the HTTP/3 guard goes innermost.
/// A client that swapped the guarded primary handler for one the guard cannot see fails at <c>CreateClient</c>
/// instead of silently connecting anywhere.
/// </summary>
internal sealed class EgressHandlerFilter(EgressGuard guard) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);
            guard.Guard(builder.PrimaryHandler, string.IsNullOrEmpty(builder.Name) ? "(default)" : builder.Name);
            builder.AdditionalHandlers.Add(new EgressHttpVersionHandler(guard)); // last added = innermost
        };
    }
}
