using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

using Whisper.Core.Domain;
using Whisper.Server.Auth;
using Whisper.Storage;

namespace Whisper.Server.Catalog;

/// <summary>Catalog reads under /v1 (role read or operator). Unknown ids answer 404, bad paging 400, both problem+json.</summary>
internal static class CatalogEndpoints
{
    public static void MapCatalog(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").RequireAuthorization(WhisperPolicies.Viewer).WithTags("Catalog")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        // A profile carries personal data (sign-up IP, phone and residence countries): operators only.
        group.MapGet("/users/{id:long}", GetUserAsync).RequireAuthorization(WhisperPolicies.Operator).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/creators/{id:long}", GetCreatorAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/creators/{id:long}/videos", ListCreatorVideosAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/videos/{id:long}", GetVideoAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/videos", ListVideosAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/products/{id:long}", GetProductAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/live-sessions", ListLiveSessionsAsync).ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<User>, ProblemHttpResult>> GetUserAsync(long id, IWhisperStore store, CancellationToken ct) =>
        await store.Catalog.GetUserAsync(id, ct).ConfigureAwait(false) is { } user ? TypedResults.Ok(user) : Errors.Problems.NotFound("user", id);

    private static async Task<Results<Ok<Creator>, ProblemHttpResult>> GetCreatorAsync(long id, IWhisperStore store, CancellationToken ct) =>
        await store.Catalog.GetCreatorAsync(id, ct).ConfigureAwait(false) is { } creator ? TypedResults.Ok(creator) : Errors.Problems.NotFound("creator", id);

    private static async Task<Results<Ok<Video>, ProblemHttpResult>> GetVideoAsync(long id, IWhisperStore store, CancellationToken ct) =>
        await store.Catalog.GetVideoAsync(id, ct).ConfigureAwait(false) is { } video ? TypedResults.Ok(video) : Errors.Problems.NotFound("video", id);

    private static async Task<Results<Ok<Product>, ProblemHttpResult>> GetProductAsync(long id, IWhisperStore store, CancellationToken ct) =>
        await store.Catalog.GetProductAsync(id, ct).ConfigureAwait(false) is { } product ? TypedResults.Ok(product) : Errors.Problems.NotFound("product", id);

    private static async Task<Results<Ok<Page<Video>>, ProblemHttpResult>> ListVideosAsync(
        string? after, string? limit, IWhisperStore store, IOptions<WhisperServerSettings> settings, CancellationToken ct)
    {
        if (!Paging.TryParse(after, limit, settings.Value, out var afterId, out var count, out var problem))
        {
            return problem!;
        }

        var videos = await store.Catalog.ListVideosAsync(afterId, count, ct).ConfigureAwait(false);
        return TypedResults.Ok(Paging.ToPage(videos, count, static v => v.Id));
    }

    private static async Task<Results<Ok<Page<Video>>, ProblemHttpResult>> ListCreatorVideosAsync(
        long id, string? after, string? limit, IWhisperStore store, IOptions<WhisperServerSettings> settings, CancellationToken ct)
    {
        if (!Paging.TryParse(after, limit, settings.Value, out var afterId, out var count, out var problem))
        {
            return problem!;
        }

        if (await store.Catalog.GetCreatorAsync(id, ct).ConfigureAwait(false) is null)
        {
            return Errors.Problems.NotFound("creator", id);
        }

        var videos = await store.Catalog.ListVideosByCreatorAsync(id, afterId, count, ct).ConfigureAwait(false);
        return TypedResults.Ok(Paging.ToPage(videos, count, static v => v.Id));
    }

    private static async Task<Results<Ok<Page<LiveSession>>, ProblemHttpResult>> ListLiveSessionsAsync(
        string? after, string? limit, IWhisperStore store, IOptions<WhisperServerSettings> settings, CancellationToken ct)
    {
        if (!Paging.TryParse(after, limit, settings.Value, out var afterId, out var count, out var problem))
        {
            return problem!;
        }

        var sessions = await store.Catalog.ListLiveSessionsAsync(afterId, count, ct).ConfigureAwait(false);
        return TypedResults.Ok(Paging.ToPage(sessions, count, static s => s.Id));
    }
}
