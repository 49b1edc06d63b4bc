using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Whisper.Server.Auth;

/// <summary>Writes the problem+json bodies of 401 and 403 answers for both schemes.</summary>
internal static class AuthProblems
{
    public const string Realm = "Bearer realm=\"whisper\"";

    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string code)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        }).AsTask();
    }

    public static Task ForbiddenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This credential's roles do not allow this request.", Errors.ProblemCodes.Forbidden);
}
