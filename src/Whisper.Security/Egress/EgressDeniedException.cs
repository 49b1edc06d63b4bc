using System.Net;

namespace Whisper.Security.Egress;

/// <summary>
/// A connection the region's egress allowlist does not permit; no socket was opened. Thrown from the guard's
/// connect callback, so <see cref="HttpClient"/> callers usually see it as the <see cref="Exception.InnerException"/>
/// of the <see cref="HttpRequestException"/> the handler wraps it in (use <see cref="Find"/>). The message names
/// host, port, region and reason, never anything of the request beyond its destination.
/// </summary>
public sealed class EgressDeniedException : HttpRequestException
{
    public EgressDeniedException(EgressDecision decision, string region)
        : base(HttpRequestError.ConnectionError, Describe(decision, region))
    {
        ArgumentNullException.ThrowIfNull(decision);
        Decision = decision;
        Region = region;
    }

    /// <summary>The denied decision: host, port, reason, and the address that caused it.</summary>
    public EgressDecision Decision { get; }

    public string Host => Decision.Host;

    public int Port => Decision.Port;

    public EgressReason Reason => Decision.Reason;

    public IPAddress? DeniedAddress => Decision.DeniedAddress;

    public string Region { get; }

    /// <summary>The denial in <paramref name="exception"/> or its inner exceptions, or null when the failure was something else.</summary>
    public static EgressDeniedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is EgressDeniedException denied)
            {
                return denied;
            }
        }

        return null;
    }

    private static string Describe(EgressDecision decision, string region)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return $"Egress denied to {decision.Destination} by region '{region}' allowlist: {decision.Explain()} ({decision.ReasonTag}). "
            + "No connection was opened; add the destination to the region's allowlist only if it lies inside the region (docs/security/egress-guard.md).";
    }
}
