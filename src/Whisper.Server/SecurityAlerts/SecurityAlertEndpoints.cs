using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

using Whisper.Server.Auth;
using Whisper.Server.Catalog;

namespace Whisper.Server.SecurityAlerts;

/// <summary><c>GET /v1/security/alerts?after=&amp;limit=</c> (auditor, admin): the alerts kept in memory with their evidence, oldest first.</summary>
internal static class SecurityAlertEndpoints
{
    public static void MapSecurityAlerts(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/security/alerts", GetAlerts)
            .RequireAuthorization(WhisperPolicies.Auditor)
            .WithName("GetSecurityAlerts")
            .WithTags("Security")
            .WithSummary("Intrusion-detection alerts over this server's requests, with the events that raised them; next is the last alert id.")
            .Produces<Page<SecurityAlertDocument>>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    private static IResult GetAlerts(string? after, string? limit, SecurityAlertBuffer alerts, IOptions<WhisperServerSettings> settings)
    {
        if (!Paging.TryParse(after, limit, settings.Value, out var afterId, out var count, out var problem))
        {
            return problem!;
        }

        var read = alerts.Read(afterId, count);
        var items = new SecurityAlertDocument[read.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = SecurityAlertDocument.From(read[i].Id, read[i].Alert);
        }

        return TypedResults.Json(Paging.ToPage<SecurityAlertDocument>(items, count, static a => a.Id), SecurityAlertsJsonContext.Default.PageSecurityAlertDocument);
    }
}
