using System.CommandLine;
using System.Globalization;

using Whisper.Cli.Console;
using Whisper.Security.AuditTrail;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper audit-trail verify --trail &lt;file&gt; --log &lt;tlog dir&gt;</c>: recomputes the trail's hash chain and checks
/// it against every anchor in the transparency log (docs/security/audit-trail.md). Exit 0 valid, 1 tampered (naming the
/// first broken record), 2 bad input.
/// </summary>
public static class AuditTrailCommand
{
    public static Command Create(CliConsole console) => new("audit-trail", "The server's tamper-evident privileged-action audit trail.") { Verify(console) };

    private static Command Verify(CliConsole console)
    {
        var trail = new Option<string>("--trail") { Description = "The audit trail file (JSON lines) the server writes with --audit-trail.", Required = true };
        var log = new Option<string>("--log") { Description = "The transparency log directory that anchors it (the server's --tlog).", Required = true };
        var command = new Command("verify", "Check the trail's hash chain and its anchors in the transparency log; exit 1 names the first broken record.") { trail, log };
        command.SetAction(parse =>
        {
            var trailPath = parse.GetValue(trail)!;
            var logDirectory = parse.GetValue(log)!;
            if (!File.Exists(trailPath))
            {
                throw new UsageException($"no audit trail at {trailPath}; pass the file the server writes with --audit-trail.");
            }

            if (!TransparencyLog.Exists(logDirectory))
            {
                throw new UsageException($"no transparency log in {logDirectory}; pass the directory the server anchors in with --tlog.");
            }

            var result = Run(trailPath, logDirectory);
            if (!result.IsValid)
            {
                var where = result.BrokenLine is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line})") : "";
                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TAMPERED: record {result.BrokenSequence}{where}: {result.Problem}"));
                return ExitCodes.Failed;
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"valid: trail {result.TrailId}, {result.Records} records, {result.AnchorsChecked} anchors checked, anchored up to record {result.LastAnchoredSequence}."));
            if (result.Records > result.LastAnchoredSequence)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"note: records {result.LastAnchoredSequence + 1}-{result.Records} are held by the chain alone until the next anchor."));
            }

            if (result.TornBytes > 0)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: a torn last line ({result.TornBytes} bytes) was ignored; the server cuts it on its next start."));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static AuditTrailVerification Run(string trailPath, string logDirectory)
    {
        try
        {
            using var opened = TransparencyLog.Open(logDirectory);
            return AuditTrailVerifier.Verify(trailPath, opened);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot read {trailPath} or the log in {logDirectory}: {e.Message} (a running server holds the log: stop it or verify a copy).");
        }
    }
}
