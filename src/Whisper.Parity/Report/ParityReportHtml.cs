using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Whisper.Parity.Report;

/// <summary>
/// Renders report.json as one self-contained HTML page: inline CSS and inline SVG charts (recovery curve, exposure
/// share per creator decile, latency by quantile), no script, font or link to anything outside the file.
/// </summary>
public static class ParityReportHtml
{
    private const string SourceColor = "#3366cc";
    private const string ForkColor = "#dc7633";

    public static string Render(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = report["verdict"]!.AsObject();
        var outcome = (string)verdict["outcome"]!;
        var html = new StringBuilder(16_384);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Whisper parity report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
            .Append(".pass{color:#1e8449}.fail{color:#c0392b}.inconclusive{color:#b7950b}svg{background:#fafafa;border:1px solid #ddd;margin-right:1em}")
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Parity: {E(report["fork"])} against {E(report["source"])}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<h2 class=\"{E(outcome)}\">Verdict: {E(outcome)} ({E(verdict["mode"])})</h2><ul>");
        foreach (var reason in verdict["reasons"]!.AsArray())
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul><p>{E(verdict["requests"])} requests, {E(verdict["judgedRequests"])} with held-out positives; generated {E(report["generatedAt"])}.</p>");

        Table(html, "Measures by cohort", ["cohort", "requests", "judged", "NDCG@10 source", "NDCG@10 fork", "loss", "Recall@50 source", "Recall@50 fork", "Jaccard@10", "RBO@10", "p50 source ms", "p99 source ms", "p50 fork ms", "p99 fork ms", "fork errors"],
            new[] { report["overall"]! }.Concat(report["cohorts"]!.AsArray().Select(c => c!)).Select(c => new[]
            {
                E(c["cohort"]), E(c["requests"]), E(c["judged"]), N(c["sourceNdcgAt10"]), N(c["forkNdcgAt10"]), P(c["relativeNdcgLoss"]), N(c["sourceRecallAt50"]), N(c["forkRecallAt50"]),
                N(c["jaccardAt10"]), N(c["rboAt10"]), N(c["sourceLatency"]!["p50Ms"]), N(c["sourceLatency"]!["p99Ms"]), N(c["forkLatency"]!["p50Ms"]), N(c["forkLatency"]!["p99Ms"]), P(c["forkLatency"]!["errorRate"]),
            }));

        var explanation = report["explanation"]!;
        var biggest = E(explanation["biggest"]);
        html.Append(CultureInfo.InvariantCulture, $"<h2>Causes (attributed metric: {E(explanation["metric"])}, biggest: {(biggest.Length > 0 ? biggest : "none")})</h2>");
        Table(html, null, ["cause", "evidence", "NDCG@10 after ablation", "RBO@10 after", "loss recovered"],
            explanation["attribution"]!.AsArray().Select(a => new[] { E(a!["cause"]), E(a["evidence"]), N(a["ndcgAt10After"]), N(a["rboAt10After"]), a["notAblatable"] is { } why ? "not-ablatable: " + E(why) : P(a["recovered"]) }));

        html.Append("<h2>Charts</h2><div>");
        Recovery(html, report["recovery"]!.AsArray());
        Deciles(html, report["exposure"]!);
        Latency(html, report["latency"]!.AsArray());
        html.Append("</div>");

        var exposure = report["exposure"]!;
        html.Append(CultureInfo.InvariantCulture, $"<h2>Creators hurt (reach falls by more than {P(exposure["hurtThreshold"])}; KL divergence {N(exposure["klDivergence"])})</h2>");
        Table(html, null, ["creator", "source reach", "fork reach", "change", "source impressions", "fork impressions"],
            exposure["hurt"]!.AsArray().Take(50).Select(c => new[] { E(c!["creatorId"]), E(c["sourceReach"]), E(c["forkReach"]), P(c["reachChange"]), E(c["sourceImpressions"]), E(c["forkImpressions"]) }));
        Table(html, $"Feature contract diff (blocking: {E(report["contractBlocking"])})", ["severity", "kind", "subject", "source", "fork"],
            report["contractDiff"]!.AsArray().Select(d => new[] { E(d!["severity"]), E(d["kind"]), E(d["subject"]), E(d["a"]), E(d["b"]) }));
        return html.Append("</body></html>").ToString();
    }

    private static void Table(StringBuilder html, string? title, string[] headers, IEnumerable<string[]> rows)
    {
        if (title is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(title)}</h2>");
        }

        html.Append("<table><tr>");
        foreach (var h in headers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{WebUtility.HtmlEncode(h)}</th>");
        }

        html.Append("</tr>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr>").AppendJoin("", row.Select(cell => $"<td>{cell}</td>")).Append("</tr>");
        }

        html.Append(any ? "" : $"<tr><td colspan=\"{headers.Length}\">none</td></tr>").Append("</table>");
    }

    private static void Recovery(StringBuilder html, JsonArray points)
    {
        var x = points.Select(p => (double)(long)p!["trainedEvents"]!).ToArray(); // a long in memory, a number once re-read
        var series = new[] { ("source", SourceColor, points.Select(p => (double)p!["sourceNdcgAt10"]!).ToArray()), ("fork", ForkColor, points.Select(p => (double)p!["forkNdcgAt10"]!).ToArray()) };
        Lines(html, "Recovery: NDCG@10 vs events retrained", x, series, points.Count == 0 ? "no recovery curve (partial divestiture)" : null);
    }

    private static void Latency(StringBuilder html, JsonArray quantiles)
    {
        var x = quantiles.Select(q => (double)q!["q"]! * 100).ToArray();
        Lines(html, "Latency (ms) by percentile", x, [("source", SourceColor, quantiles.Select(q => (double)q!["sourceMs"]!).ToArray()), ("fork", ForkColor, quantiles.Select(q => (double)q!["forkMs"]!).ToArray())], null);
    }

    private static void Deciles(StringBuilder html, JsonNode exposure)
    {
        var source = exposure["sourceDecileShare"]!.AsArray().Select(v => (double)v!).ToArray();
        var fork = exposure["forkDecileShare"]!.AsArray().Select(v => (double)v!).ToArray();
        var max = Math.Max(1e-9, source.Concat(fork).DefaultIfEmpty(0).Max());
        html.Append("<svg width=\"340\" height=\"220\" role=\"img\" aria-label=\"exposure share per creator decile\"><text x=\"10\" y=\"16\" font-size=\"12\">Impression share per creator decile (1 = most exposed)</text>");
        for (var d = 0; d < source.Length; d++)
        {
            var x0 = 20 + (d * 31);
            Bar(html, x0, source[d] / max, SourceColor);
            Bar(html, x0 + 13, fork[d] / max, ForkColor);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + 4}\" y=\"212\" font-size=\"10\">{d + 1}</text>");
        }

        Legend(html);
        html.Append("</svg>");
    }

    private static void Bar(StringBuilder html, int x, double share, string color)
    {
        var h = share * 160;
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{200 - h:0.#}\" width=\"12\" height=\"{h:0.#}\" fill=\"{color}\"/>");
    }

    private static void Lines(StringBuilder html, string title, double[] x, (string Name, string Color, double[] Y)[] series, string? empty)
    {
        html.Append(CultureInfo.InvariantCulture, $"<svg width=\"340\" height=\"220\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\"><text x=\"10\" y=\"16\" font-size=\"12\">{WebUtility.HtmlEncode(title)}</text>");
        if (empty is not null || x.Length == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"20\" y=\"110\" font-size=\"12\">{WebUtility.HtmlEncode(empty ?? "no data")}</text></svg>");
            return;
        }

        double minX = x.Min(), maxX = Math.Max(x.Max(), minX + 1e-9), maxY = Math.Max(1e-9, series.SelectMany(s => s.Y).Max());
        foreach (var (_, color, y) in series)
        {
            var points = string.Join(' ', x.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{30 + ((v - minX) / (maxX - minX) * 290):0.#},{200 - (y[i] / maxY * 160):0.#}")));
            html.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points}\"/>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"30\" y=\"214\" font-size=\"10\">{minX:0.##}</text><text x=\"280\" y=\"214\" font-size=\"10\">{maxX:0.##}</text><text x=\"2\" y=\"44\" font-size=\"10\">{maxY:0.###}</text>");
        Legend(html);
        html.Append("</svg>");
    }

    private static void Legend(StringBuilder html) =>
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"240\" y=\"24\" width=\"10\" height=\"10\" fill=\"{SourceColor}\"/><text x=\"254\" y=\"33\" font-size=\"11\">source</text><rect x=\"240\" y=\"38\" width=\"10\" height=\"10\" fill=\"{ForkColor}\"/><text x=\"254\" y=\"47\" font-size=\"11\">fork</text>");

    private static string E(JsonNode? node) => WebUtility.HtmlEncode(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "");

    private static string N(JsonNode? node) => node is null ? "–" : ((double)node).ToString("0.####", CultureInfo.InvariantCulture);

    private static string P(JsonNode? node) => node is null ? "–" : ((double)node * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
