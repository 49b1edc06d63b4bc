using System.Text.Json;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

using Whisper.Parity.Report;
using Whisper.Server.Auth;
using Whisper.Server.Errors;

namespace Whisper.Server.Parity;

/// <summary>
/// The parity results a run wrote (docs/parity.md): GET /v1/parity/verdict — verdict.json, what the cutover gateway
/// reads — and GET /v1/parity/report — the self-contained HTML report. Read per request from the results folder, so a
/// new run is served without a restart. No run yet: 404 problem; an unreadable or foreign file: 503 problem.
/// </summary>
public static class ParityEndpoints
{
    /// <summary>Viewer-level reads: viewer, operator and admin roles.</summary>
    public const string Policy = WhisperPolicies.Viewer;

    public static IEndpointRouteBuilder MapParity(this IEndpointRouteBuilder routes, string resultsDirectory)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        var group = routes.MapGroup("/v1/parity").WithTags("Parity");
        group.MapGet("/verdict", async (CancellationToken ct) =>
        {
            if (!File.Exists(Path.Combine(resultsDirectory, ParityResults.VerdictFile)))
            {
                return NoRun();
            }

            try
            {
                var verdict = await ParityResults.ReadVerdictAsync(resultsDirectory, ct).ConfigureAwait(false);
                return Results.Text(verdict.ToJsonString(ParityJson.Indented), "application/json");
            }
            catch (Exception e) when (e is FormatException or IOException or JsonException)
            {
                return Unreadable(e.Message);
            }
        }).RequireAuthorization(Policy).WithName("GetParityVerdict");

        group.MapGet("/report", async (HttpContext context, CancellationToken ct) =>
        {
            var path = Path.Combine(resultsDirectory, ParityResults.HtmlFile);
            if (!File.Exists(path))
            {
                return NoRun();
            }

            try
            {
                var html = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
                // The report is self-contained: nothing may load from anywhere, styles are inline.
                context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
                return Results.Content(html, "text/html; charset=utf-8");
            }
            catch (IOException e)
            {
                return Unreadable(e.Message);
            }
        }).RequireAuthorization(Policy).WithName("GetParityReport");
        return routes;
    }

    private static ProblemHttpResult NoRun() => Problems.Create(
        StatusCodes.Status404NotFound, "No parity run", "No parity results yet; run 'whisper parity run --out <results folder>' and serve that folder.", ProblemCodes.NotFound);

    private static ProblemHttpResult Unreadable(string detail) => Problems.Create(
        StatusCodes.Status503ServiceUnavailable, "Parity results unreadable", $"The parity results cannot be read ({detail.TrimEnd('.')}); run 'whisper parity run' again.", ProblemCodes.NotReady);
}
