using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using Whisper.Cutover.Gateway;
using Whisper.Server.Sessions;

namespace Whisper.Cutover.Handoff;

/// <summary>
/// The gateway's side of the handoff: export one user's session from the side they leave, import it on the side they
/// join. Two plain HTTP calls against the regions' internal endpoints, authenticated with the handoff token.
/// </summary>
public sealed class SessionHandoffClient(HttpClient http, Uri source, Uri fork, string token)
{
    /// <summary>Moves <paramref name="userId"/>'s live session from <paramref name="from"/> to the other side.</summary>
    /// <exception cref="HttpRequestException">A side did not answer 2xx.</exception>
    public async Task<SessionHandoffResult> HandOverAsync(long userId, RouteTarget from, CancellationToken cancellationToken)
    {
        var (leaving, joining) = from == RouteTarget.Fork ? (fork, source) : (source, fork);
        using var export = new HttpRequestMessage(HttpMethod.Get, new Uri(leaving, $"{SessionHandoffEndpoints.Prefix}/{userId}"));
        export.Headers.Add(SessionHandoffEndpoints.TokenHeader, token);
        using var exported = await http.SendAsync(export, cancellationToken).ConfigureAwait(false);
        exported.EnsureSuccessStatusCode();
        var document = await exported.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        using var import = new HttpRequestMessage(HttpMethod.Post, new Uri(joining, SessionHandoffEndpoints.Prefix))
        {
            Content = new StringContent(document, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        import.Headers.Add(SessionHandoffEndpoints.TokenHeader, token);
        using var imported = await http.SendAsync(import, cancellationToken).ConfigureAwait(false);
        imported.EnsureSuccessStatusCode();
        using var result = JsonDocument.Parse(await imported.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = result.RootElement;
        return new SessionHandoffResult(root.GetProperty("imported").GetInt32(), root.GetProperty("skipped_expired").GetInt32(), root.GetProperty("kept_local").GetInt32());
    }
}

/// <summary>What the joining side did with the handed-over session (all zero: the user had no live session).</summary>
public readonly record struct SessionHandoffResult(int Imported, int SkippedExpired, int KeptLocal);
