using System.Globalization;

using Microsoft.AspNetCore.Http;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// The user a request is for: the <c>X-Whisper-User</c> header, else the <c>user</c> query parameter (the feed API's
/// own parameter), as a positive decimal id. None, or anything else, is an anonymous request: it is never moved.
/// </summary>
public static class RequestUser
{
    public const string Header = "X-Whisper-User";
    public const string QueryParameter = "user";

    public static long? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(Header, out var header) && header.Count > 0)
        {
            return Parse(header[0]);
        }

        return request.Query.TryGetValue(QueryParameter, out var query) && query.Count > 0 ? Parse(query[0]) : null;
    }

    private static long? Parse(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
