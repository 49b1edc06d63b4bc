using Microsoft.AspNetCore.Http;

namespace Whisper.Server.Errors;

/// <summary>
/// Stable machine-readable codes carried in every problem+json body as the <c>code</c> extension, so
/// clients branch on a code rather than on English text.
/// </summary>
public static class ProblemCodes
{
    public const string MalformedJson = "malformed_json";
    public const string InvalidField = "invalid_field";
    public const string UnknownEventKind = "unknown_event_kind";
    public const string InvalidEvent = "invalid_event";
    public const string BodyTooLarge = "body_too_large";
    public const string TooManyEvents = "too_many_events";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string InvalidPaging = "invalid_paging";
    public const string NotFound = "not_found";
    public const string Unauthenticated = "unauthenticated";
    public const string InvalidApiKey = "invalid_api_key";
    public const string Forbidden = "forbidden";
    public const string NotReady = "not_ready";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string BadRequest = "bad_request";
    public const string InternalError = "internal_error";

    /// <summary>
    /// Gives problems written by the framework (status code pages, routing's 404/405/415, the exception handler)
    /// a code from their status, so every problem body carries one.
    /// </summary>
    internal static void AddDefaultCode(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("code"))
        {
            return;
        }

        context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => NotFound,
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
            StatusCodes.Status413PayloadTooLarge => BodyTooLarge,
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
            StatusCodes.Status401Unauthorized => Unauthenticated,
            StatusCodes.Status403Forbidden => Forbidden,
            >= 500 => InternalError,
            _ => BadRequest,
        };
    }
}
