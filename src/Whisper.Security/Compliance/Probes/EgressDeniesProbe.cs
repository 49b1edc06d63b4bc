using System.Net;

using Microsoft.Extensions.Logging;

using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Egress;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// <c>egress-denies</c>: the region's egress guard, built from the allowlist file, refuses every <c>deny</c> destination
/// through its connect path — <see cref="EgressDeniedException"/>, a warning logged, no socket — and allows every
/// <c>allow</c> one (decided only, never connected). Names resolve to 203.0.113.1 (TEST-NET-3, RFC 5737), so the probe
/// needs no DNS and checks the allowlist rather than the network; a deny destination whose name is listed is therefore
/// allowed by name, which is the point: the probe shows what the allowlist lets through.
/// </summary>
public sealed class EgressDeniesProbe : IComplianceProbe
{
    /// <summary>What every name resolves to inside the probe: a documentation address no allowlist should hold.</summary>
    public static readonly IPAddress ProbeAddress = IPAddress.Parse("203.0.113.1");

    public string Name => "egress-denies";

    public string Summary => "The egress guard refuses the listed destinations before any socket exists and logs each denial.";

    public void Validate(ProbeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Known("allowlist", "deny", "allow");
        parameters.RelativePath("allowlist", required: true);
        foreach (var (name, required) in new[] { ("deny", true), ("allow", false) })
        {
            foreach (var text in parameters.Strings(name, required))
            {
                if (!Destination.TryParse(text, out _))
                {
                    parameters.Problem(name, $"\"{text}\" is not host:port; write e.g. \"203.0.113.7:443\", \"collector.example.net:443\" or \"[2001:db8::1]:443\"");
                }
            }
        }
    }

    public async ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var path = parameters.RelativePath("allowlist", required: true)!;
        EgressAllowlist allowlist;
        try
        {
            allowlist = EgressAllowlist.Load(context.Resolve(path));
        }
        catch (EgressAllowlistException e)
        {
            return File.Exists(context.Resolve(path)) ? EvidenceResult.Fail(e.Message) : EvidenceResult.Missing($"{path} does not exist");
        }

        var log = new DenialCounter();
        var guard = new EgressGuard(allowlist, log, new ProbeResolver());
        var problems = new List<string>();
        using var noConnect = new CancellationTokenSource();
        await noConnect.CancelAsync().ConfigureAwait(false); // if the guard ever reached Socket.ConnectAsync, this cancels it before a packet leaves

        var deny = parameters.Strings("deny", required: true);
        foreach (var text in deny)
        {
            var destination = Destination.Parse(text);
            var decision = await guard.EvaluateAsync(destination.Host, destination.Port, cancellationToken).ConfigureAwait(false);
            if (decision.Allowed)
            {
                problems.Add($"{destination} is allowed ({decision.ReasonTag}: {decision.Explain()})");
                continue; // decided only: an allowed destination is never connected to
            }

            var before = log.Denials;
            try
            {
                await using var stream = await guard.ConnectAsync(destination.Host, destination.Port, noConnect.Token).ConfigureAwait(false);
                problems.Add($"{destination} was connected");
            }
            catch (EgressDeniedException denied)
            {
                if (log.Denials != before + 1)
                {
                    problems.Add($"{destination} was denied ({denied.Decision.ReasonTag}) but not logged");
                }
            }
            catch (OperationCanceledException)
            {
                problems.Add($"{destination} reached the socket connect of the guard's connect path");
            }
        }

        var allow = parameters.Strings("allow", required: false);
        foreach (var text in allow)
        {
            var destination = Destination.Parse(text);
            var decision = await guard.EvaluateAsync(destination.Host, destination.Port, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                problems.Add($"{destination} is denied ({decision.ReasonTag}) but must be allowed");
            }
        }

        return problems.Count == 0
            ? EvidenceResult.Pass($"region {allowlist.Region}: denied {deny.Count} of {deny.Count} (each logged, no connection), allowed {allow.Count} of {allow.Count}")
            : EvidenceResult.Fail($"{path}: {string.Join("; ", problems)}");
    }

    /// <summary>Every name resolves to <see cref="ProbeAddress"/>: no DNS query leaves the process.</summary>
    private sealed class ProbeResolver : IHostResolver
    {
        public ValueTask<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken) => ValueTask.FromResult(new[] { ProbeAddress });
    }

    /// <summary>Counts the guard's denial log lines (event 5000), the evidence that a denial is seen, not just enforced.</summary>
    private sealed class DenialCounter : ILogger<EgressGuard>
    {
        public int Denials { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == EgressEventIds.Denied)
            {
                Denials++;
            }
        }
    }
}
