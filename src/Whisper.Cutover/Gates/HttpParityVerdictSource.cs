using System.Text.Json;

namespace Whisper.Cutover.Gates;

/// <summary>
/// Reads the fork's <c>GET /v1/parity/verdict</c> (docs/parity.md), with <paramref name="bearer"/> (a viewer API key
/// or JWT) when given. The body's <c>outcome</c> (or <c>verdict</c>) string is pass, fail or inconclusive,
/// case-insensitive; its <c>reasons</c>, when present, become the detail. 404 (no parity run yet) and 503 (results
/// not readable yet) are inconclusive; an unreachable endpoint, any other error status or a body without a known
/// verdict reads as fail: the fork has not shown it is within tolerance, and a rollback still needs N such checks in
/// a row.
/// </summary>
public sealed class HttpParityVerdictSource(HttpClient client, Uri verdictUrl, string? bearer = null) : IParityVerdictSource
{
    public const string DefaultPath = "/v1/parity/verdict";

    public async ValueTask<GateReading> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, verdictUrl);
            if (bearer is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.ServiceUnavailable)
            {
                return new GateReading("parity", GateVerdict.Inconclusive, $"no parity verdict yet ({verdictUrl} answered {(int)response.StatusCode}).");
            }

            if (!response.IsSuccessStatusCode)
            {
                return new GateReading("parity", GateVerdict.Fail, $"{verdictUrl} answered {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Parse(body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new GateReading("parity", GateVerdict.Fail, $"{verdictUrl} unreachable ({e.Message}).");
        }
    }

    /// <summary>The reading a verdict body gives.</summary>
    public static GateReading Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var text = root.ValueKind == JsonValueKind.Object ? Field(root, "outcome") ?? Field(root, "verdict") : null;
            var verdict = text?.ToLowerInvariant() switch
            {
                "pass" => GateVerdict.Pass,
                "fail" => GateVerdict.Fail,
                "inconclusive" => GateVerdict.Inconclusive,
                _ => (GateVerdict?)null,
            };
            if (verdict is null)
            {
                return new GateReading("parity", GateVerdict.Fail, "the verdict body has no \"verdict\" of pass, fail or inconclusive.");
            }

            var reasons = root.TryGetProperty("reasons", out var r) && r.ValueKind == JsonValueKind.Array
                ? string.Join("; ", r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()))
                : string.Empty;
            return new GateReading("parity", verdict.Value, reasons.Length > 0 ? $"{text!.ToLowerInvariant()}: {reasons}" : text!.ToLowerInvariant());
        }
        catch (JsonException e)
        {
            return new GateReading("parity", GateVerdict.Fail, $"the verdict body is not JSON ({e.Message}).");
        }
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
}
