using System.Globalization;

using Microsoft.AspNetCore.Http;

using Whisper.Cutover.Cohorts;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// What a resident gets from the source after the sunset: <b>451 Unavailable For Legal Reasons</b> (RFC 7725) with a
/// problem+json body and a <c>Link</c> to the new app. 451 rather than 410 Gone because nothing is gone — the same
/// content is served to other regions, and to these users by the new regional app — it is withheld from this region's
/// addresses because of the residency requirement the fork exists to meet, which is exactly what 451 says; 410 would
/// tell clients and crawlers to forget the resource everywhere. <c>Cache-Control: no-store</c>, because the answer
/// depends on the client's address and a shared cache must not hand it to anyone else.
/// </summary>
public static class SunsetResponse
{
    public const string Code = "region_sunset";

    public static Task WriteAsync(HttpContext context, CutoverSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(schedule);
        var plan = schedule.Plan;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status451UnavailableForLegalReasons;
        response.Headers.CacheControl = "no-store";
        response.Headers.Link = $"<{plan.NewAppUrl.AbsoluteUri}>; rel=\"alternate\"";
        var sunset = schedule.Sunset.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Results.Problem(
            detail: $"Since {sunset} this service no longer serves the {plan.Region} region; its users are served by the regional app at {plan.NewAppUrl.AbsoluteUri}. Your account, follows and history are there.",
            statusCode: StatusCodes.Status451UnavailableForLegalReasons,
            title: "This service has moved to the regional app",
            type: "https://whisper.dev/problems/region-sunset",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = Code,
                ["region"] = plan.Region,
                ["sunset_at"] = sunset,
                ["new_app_url"] = plan.NewAppUrl.AbsoluteUri,
            }).ExecuteAsync(context);
    }
}
