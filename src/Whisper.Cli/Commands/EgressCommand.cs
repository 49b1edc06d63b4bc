using System.CommandLine;
using System.Net;
using System.Net.Sockets;

using Whisper.Cli.Console;
using Whisper.Security.Egress;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper egress policy|check</c>: a region's egress allowlist (docs/security/egress-guard.md) as a Kubernetes
/// NetworkPolicy, and the guard's answer for one destination. <c>check</c> exits 0 when allowed, 1 when denied,
/// 2 on bad input (an unreadable or invalid allowlist, a destination that is not a host, host:port or URL).
/// </summary>
public static class EgressCommand
{
    private const int DefaultPort = 443;

    public static Command Create(CliConsole console) => new("egress", "The region's egress allowlist: NetworkPolicy generation and destination checks.")
    {
        CreatePolicy(console),
        CreateCheck(console),
    };

    private static Option<string> AllowlistOption() => new("--allowlist")
    {
        Description = "The region's allowlist JSON (docs/security/allowlist.md), e.g. allowlists/us.json.",
        Required = true,
    };

    private static Command CreatePolicy(CliConsole console)
    {
        var allowlist = AllowlistOption();
        var ns = new Option<string?>("--namespace") { Description = "Namespace to put in the policy; default: none (kubectl apply -n decides)." };
        var output = new Option<string?>("--out") { Description = "File to write; default: stdout." };
        var command = new Command("policy", "Write the allowlist as a NetworkPolicy: kube-dns on 53 and the CIDRs as ipBlocks; DNS names as comments for a DNS-aware policy or proxy.")
        {
            allowlist, ns, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var list = Load(parse.GetValue(allowlist)!);
            var @namespace = parse.GetValue(ns);
            if (@namespace is not null && !EgressNetworkPolicy.IsValidNamespace(@namespace))
            {
                throw new UsageException($"--namespace '{@namespace}' is not a Kubernetes namespace; use 1-63 of a-z 0-9 '-', e.g. --namespace whisper-us.");
            }

            var yaml = EgressNetworkPolicy.ToYaml(list, @namespace);
            if (parse.GetValue(output) is not { } path)
            {
                console.Out.Write(yaml);
                return ExitCodes.Ok;
            }

            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }

                await File.WriteAllTextAsync(path, yaml, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new UsageException($"--out {path}: cannot be written ({e.Message.TrimEnd('.')}); choose a writable path.");
            }

            console.Error.WriteLine($"wrote NetworkPolicy {EgressNetworkPolicy.NameFor(list.Region)} ({list.Cidrs.Count} CIDRs, {list.Dns.Count} DNS names as comments) to {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCheck(CliConsole console)
    {
        var allowlist = AllowlistOption();
        var noResolve = new Option<bool>("--no-resolve") { Description = "Decide by the allowlist alone: names by the dns list, without DNS (names not on it are reported denied)." };
        var destination = new Argument<string>("destination") { Description = "A host, host:port, [IPv6]:port or URL; the port defaults to 443." };
        var command = new Command("check", "Say whether the egress guard would let this process connect to a destination; exit 0 allowed, 1 denied.")
        {
            allowlist, noResolve, destination,
        };
        command.SetAction(async (parse, ct) =>
        {
            var guard = new EgressGuard(Load(parse.GetValue(allowlist)!));
            var (host, port) = ParseDestination(parse.GetValue(destination)!);
            EgressDecision decision;
            string? note = null;
            try
            {
                decision = parse.GetValue(noResolve) ? guard.Evaluate(host, port) : await guard.EvaluateAsync(host, port, ct).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                // The decision without addresses: a listed name is allowed by name; any other needs addresses it does not have here.
                decision = guard.Evaluate(host, port);
                note = $"does not resolve from here: {e.Message}";
            }

            if (decision.Reason == EgressReason.InvalidHost)
            {
                throw new UsageException($"'{host}' is neither an IP address nor a valid DNS name.");
            }

            var explanation = note is null ? decision.Explain() : $"{decision.Explain()}; {note}";
            console.Out.WriteLine($"{(decision.Allowed ? "allowed" : "denied")}: {decision.Destination} ({decision.ReasonTag}): {explanation}");
            return decision.Allowed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static EgressAllowlist Load(string path)
    {
        try
        {
            return EgressAllowlist.Load(path);
        }
        catch (EgressAllowlistException e)
        {
            throw new UsageException(e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>A host, host:port, [v6]:port, bare IPv6 or URL as (host, port); anything else is bad input.</summary>
    private static (string Host, int Port) ParseDestination(string text)
    {
        text = text.Trim();
        if (IPAddress.TryParse(text, out var literal) && !text.Contains('[', StringComparison.Ordinal))
        {
            return (literal.ToString(), DefaultPort);
        }

        var isUrl = text.Contains("://", StringComparison.Ordinal);
        if (text.Length == 0
            || !Uri.TryCreate(isUrl ? text : "egress://" + text, UriKind.Absolute, out var uri)
            || uri.IdnHost.Length == 0
            || uri.UserInfo.Length > 0
            || (!isUrl && (uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || text.EndsWith('/'))))
        {
            throw new UsageException($"'{text}' is not a host, host:port, [IPv6]:port or URL; e.g. api.us.whisper.example:443 or https://whisper.example/.");
        }

        var host = uri.IdnHost.StartsWith('[') ? uri.IdnHost[1..^1] : uri.IdnHost;
        return (host, uri.Port < 0 ? DefaultPort : uri.Port);
    }
}
