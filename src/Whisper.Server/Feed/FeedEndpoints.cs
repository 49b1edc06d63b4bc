using System.Globalization;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Feed;
using Whisper.Server.Auth;
using Whisper.Server.Errors;

namespace Whisper.Server.Feed;

/// <summary>
/// <c>GET /v1/feed?user=&amp;count=&amp;cursor=</c> (role read or operator), mapped only when the host is given a
/// <see cref="FeedService"/>. Unknown user 404 <c>not_found</c>; bad or missing user 400 <c>invalid_field</c>; count
/// outside 1..MaxCount or a bad cursor 400 <c>invalid_paging</c> (with <c>field</c> naming which) — all problem+json.
/// </summary>
internal static class FeedEndpoints
{
    public static void AddFeed(this IServiceCollection services, FeedService feed)
    {
        services.AddSingleton(feed);
        services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Add(FeedJsonContext.Default));
    }

    public static void MapFeed(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/feed", GetFeedAsync).RequireAuthorization(WhisperPolicies.Viewer).WithTags("Feed")
            .Produces<FeedResponse>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetFeedAsync(
        string? user, string? count, string? cursor, FeedService feed, CancellationToken ct)
    {
        if (user is null || !long.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) || userId <= 0)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid field", "user must be a positive user id, e.g. /v1/feed?user=42.",
                ProblemCodes.InvalidField, field: "user");
        }

        var n = feed.Options.DefaultCount;
        if (count is not null && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1 || n > feed.Options.MaxCount))
        {
            return BadPaging($"count must be an integer from 1 to {feed.Options.MaxCount}.", "count");
        }

        var result = await feed.GetFeedAsync(userId, n, cursor, ct).ConfigureAwait(false);
        return result.Status switch
        {
            FeedStatus.Ok => new FeedPageResult(result.Page!),
            FeedStatus.UnknownUser => Problems.NotFound("user", userId),
            FeedStatus.InvalidCount => BadPaging(result.Error!, "count"),
            _ => BadPaging(result.Error!, "cursor"),
        };
    }

    private static ProblemHttpResult BadPaging(string detail, string field) =>
        Problems.Create(StatusCodes.Status400BadRequest, "Invalid paging", detail, ProblemCodes.InvalidPaging, field: field);
}
