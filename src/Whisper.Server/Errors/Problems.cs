using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Whisper.Server.Errors;

/// <summary>Builds the problem+json results the endpoints return. Details never carry secrets; user text is trimmed by the caller.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string title, string detail, string code, int? eventIndex = null, string? field = null)
    {
        var extensions = new Dictionary<string, object?>(3, StringComparer.Ordinal) { ["code"] = code };
        if (eventIndex is { } index)
        {
            extensions["eventIndex"] = index;
        }

        if (field is not null)
        {
            extensions["field"] = field;
        }

        return TypedResults.Problem(detail, instance: null, statusCode: status, title: title, type: null, extensions: extensions);
    }

    public static ProblemHttpResult NotFound(string what, long id) =>
        Create(StatusCodes.Status404NotFound, "Not found", $"No {what} with id {id}.", ProblemCodes.NotFound);

    public static ProblemHttpResult BadPaging(string detail) =>
        Create(StatusCodes.Status400BadRequest, "Invalid paging", detail, ProblemCodes.InvalidPaging);
}
