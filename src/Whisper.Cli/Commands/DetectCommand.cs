using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Security.Detection;
using Whisper.Security.Detection.Synthetic;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper detect scan|lab</c>: intrusion and exfiltration detection over access, audit and egress logs
/// (docs/security/intrusion-detection.md). <c>scan</c> exits 1 when it raised alerts; <c>lab</c> prints recall and
/// false-positive rate on a synthetic log with planted attacks, as JSON.
/// </summary>
public static class DetectCommand
{
    public static Command Create(CliConsole console)
    {
        var log = new Argument<string>("LOG") { Description = "Security events as JSON lines, in time order." };
        var scan = new Command("scan", "Run the detector over a log and print each alert with its evidence; exit 1 when any.") { log };
        scan.SetAction(parse =>
        {
            var path = parse.GetValue(log)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"no log at {path}; pass a JSON-lines file of security events.");
            }

            var detector = new IntrusionDetector();
            try
            {
                foreach (var e in SecurityEventLog.Read(path))
                {
                    foreach (var alert in detector.Observe(e))
                    {
                        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{alert.Time:O} {alert.Rule} {alert.Identity}: {alert.Reason} ({alert.Evidence.Count} events of evidence)"));
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException)
            {
                throw new UsageException(e.Message);
            }

            console.Out.WriteLine($"{detector.Alerts.Count} alerts");
            return detector.Alerts.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });

        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic log.", DefaultValueFactory = _ => 42 };
        var days = new Option<int>("--days") { Description = "Days of synthetic activity (attacks go on weekdays after the first week).", DefaultValueFactory = _ => 21 };
        var lab = new Command("lab", "Generate a synthetic log with planted attacks, run the detector, print recall per attack kind and the false-positive rate (JSON).") { seed, days };
        lab.SetAction(parse =>
        {
            var dayCount = parse.GetValue(days);
            if (dayCount < 12 || dayCount > 365)
            {
                throw new UsageException($"--days {dayCount} is out of range; use 12..365 (attacks need eight weekdays after the first week).");
            }

            var generated = new SecurityLogGenerator(parse.GetValue(seed)) { Days = dayCount }.Generate();
            var started = System.Diagnostics.Stopwatch.StartNew();
            var score = DetectionScore.Evaluate(generated, new IntrusionDetector());
            var result = new JsonObject
            {
                ["lab"] = "intrusion-detection",
                ["seed"] = parse.GetValue(seed),
                ["days"] = dayCount,
                ["events"] = generated.Events.Count,
                ["events_per_s"] = Math.Round(generated.Events.Count / started.Elapsed.TotalSeconds),
                ["attacks"] = score.Attacks,
                ["detected"] = score.Detected,
                ["recall"] = Math.Round(score.Recall, 3),
                ["recall_by_rule"] = new JsonObject(score.RecallByRule.Select(r => KeyValuePair.Create<string, JsonNode?>(r.Key.ToString(), Math.Round(r.Value, 3)))),
                ["alerts"] = score.Alerts,
                ["false_alerts"] = score.FalseAlerts,
                ["benign_identity_hours"] = score.BenignIdentityHours,
                ["false_positive_rate_per_identity_hour"] = Math.Round(score.FalsePositiveRate, 5),
            };
            console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        });

        return new Command("detect", "Intrusion and exfiltration detection: scan a log, or measure on a synthetic one.") { scan, lab };
    }
}
