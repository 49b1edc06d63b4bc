using System.Net;

using Whisper.Server.Errors;

namespace Whisper.Server.Client;

/// <summary>The server refused a request; carries the HTTP status and the problem+json body when there was one.</summary>
public sealed class WhisperApiException : Exception
{
    public WhisperApiException()
    {
    }

    public WhisperApiException(string message)
        : base(message)
    {
    }

    public WhisperApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WhisperApiException(HttpStatusCode statusCode, ProblemDocument? problem)
        : base($"Whisper server answered {(int)statusCode} {problem?.Title ?? statusCode.ToString()}: {problem?.Detail ?? "no details"}")
    {
        StatusCode = statusCode;
        Problem = problem;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem body (title, detail, code, eventIndex, field), or null when the body was not problem+json.</summary>
    public ProblemDocument? Problem { get; }
}
