using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

using Whisper.Server.Auth;
using Whisper.Server.Catalog;

namespace Whisper.Server.AuditTrail;

/// <summary><c>GET /v1/audit-trail?after=&amp;limit=</c> (auditor, admin): the trail's records from a sequence on; reading it is itself recorded.</summary>
internal static class AuditTrailEndpoints
{
    public static void MapAuditTrail(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/audit-trail", ReadAsync)
            .RequireAuthorization(WhisperPolicies.Auditor)
            .WithName("ReadAuditTrail")
            .WithTags("Security")
            .WithSummary("Privileged actions and refusals, hash-chained; after is a sequence, next the last sequence of the page.")
            .Produces<Page<AuditRecordDocument>>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> ReadAsync(string? after, string? limit, AuditTrailRecorder recorder, IOptions<WhisperServerSettings> settings, CancellationToken ct)
    {
        if (!Paging.TryParse(after, limit, settings.Value, out var position, out var count, out var problem))
        {
            return problem!;
        }

        var records = await recorder.Trail.ReadAsync(position, count, ct).ConfigureAwait(false);
        var items = new AuditRecordDocument[records.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = AuditRecordDocument.From(records[i]);
        }

        return TypedResults.Json(Paging.ToPage<AuditRecordDocument>(items, count, static r => r.Seq), AuditTrailJsonContext.Default.PageAuditRecordDocument);
    }
}
