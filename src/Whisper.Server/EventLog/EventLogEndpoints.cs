using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

using Whisper.Core.Domain;
using Whisper.Server.Auth;
using Whisper.Server.Catalog;
using Whisper.Server.Ingest;
using Whisper.Storage;

namespace Whisper.Server.EventLog;

/// <summary>
/// The ingest route (POST /v1/events, role ingest) and the log read (GET /v1/events?after=&amp;limit=, role
/// operator): one path, two verbs, two policies. <c>after</c> is a log position; <c>next</c> is the last sequence.
/// </summary>
internal static class EventLogEndpoints
{
    public static void MapEventLog(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/events", static (HttpContext context, IngestHandler handler) => handler.HandleAsync(context))
            .RequireAuthorization(WhisperPolicies.Ingest)
            .WithName("IngestEvents")
            .WithTags("Events")
            .WithSummary("Append a batch of engagement events (idempotent by clientEventId).")
            .Accepts<EventBatchDocument>("application/json")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/v1/events", ReadAsync)
            .RequireAuthorization(WhisperPolicies.Operator)
            .WithName("ReadEvents")
            .WithTags("Events")
            .WithSummary("Read the event log from a position.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<Page<LoggedEventDocument>>, ProblemHttpResult>> ReadAsync(
        string? after, string? limit, IWhisperStore store, IOptions<WhisperServerSettings> settings, CancellationToken ct)
    {
        if (!Paging.TryParse(after, limit, settings.Value, out var position, out var count, out var problem))
        {
            return problem!;
        }

        var logged = new List<LoggedEvent>(count);
        await store.Events.ReadAsync(position, count, logged, ct).ConfigureAwait(false);
        var items = new LoggedEventDocument[logged.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var (sequence, e) = logged[i];
            items[i] = new LoggedEventDocument(sequence, e.ClientEventId, e.UserId, e.VideoId, e.Kind.ToWireName(), e.OccurredAt, e.WatchTimeMs, e.ProductId);
        }

        return TypedResults.Ok(Paging.ToPage<LoggedEventDocument>(items, count, static e => e.Sequence));
    }
}
