using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

using Whisper.Core.Domain;
using Whisper.Server.Catalog;
using Whisper.Server.Errors;
using Whisper.Server.Feed;
using Whisper.Server.Ingest;
using Whisper.Server.Json;
using Whisper.Storage;

namespace Whisper.Server.Client;

/// <summary>
/// Typed client for the Whisper HTTP API, on the server's own wire format (<see cref="EventBatchWriter"/>,
/// <see cref="WhisperJsonContext"/>). The <see cref="HttpClient"/> needs <see cref="HttpClient.BaseAddress"/> set to
/// the server root ("http://127.0.0.1:8080/"); the API key, when given, is sent as a Bearer token on each request.
/// Non-success answers throw <see cref="WhisperApiException"/>. Thread-safe.
/// </summary>
public sealed class WhisperClient(HttpClient httpClient, string? apiKey = null)
{
    private readonly HttpClient _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
    private readonly AuthenticationHeaderValue? _authorization = apiKey is null ? null : new AuthenticationHeaderValue("Bearer", apiKey);

    /// <summary>POST /v1/events: appends a batch; retrying the same events returns them as duplicates.</summary>
    public async Task<AppendResult> IngestAsync(IReadOnlyList<EngagementEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new EventBatchContent(events) };
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var body = await ReadAsync(response, WhisperJsonContext.Default.IngestResponse, cancellationToken).ConfigureAwait(false);
            return new AppendResult(body.Appended, body.Duplicates, body.FirstSequence, body.LastSequence);
        }
    }

    /// <summary>GET /v1/events: up to <paramref name="limit"/> logged events after log position <paramref name="after"/> (operator role).</summary>
    public Task<Page<LoggedEventDocument>> ReadEventsAsync(long after, int limit, CancellationToken cancellationToken = default) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture, $"/v1/events?after={after}&limit={limit}"), WhisperJsonContext.Default.PageLoggedEventDocument, cancellationToken);

    /// <summary>GET /v1/videos/{id}; null when the server answers 404.</summary>
    public async Task<Video?> GetVideoAsync(long id, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(string.Create(CultureInfo.InvariantCulture, $"/v1/videos/{id}"), WhisperJsonContext.Default.Video, cancellationToken).ConfigureAwait(false);
        }
        catch (WhisperApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// GET /v1/feed: one page of <paramref name="userId"/>'s For You feed (read role). Pass the previous page's
    /// <see cref="FeedResponse.NextCursor"/> as <paramref name="cursor"/> for the next page; null starts a session.
    /// </summary>
    public Task<FeedResponse> GetFeedAsync(long userId, int? count = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/v1/feed?user={userId}");
        if (count is { } n)
        {
            path += string.Create(CultureInfo.InvariantCulture, $"&count={n}");
        }

        if (cursor is not null)
        {
            path += "&cursor=" + Uri.EscapeDataString(cursor);
        }

        return GetAsync(path, FeedJsonContext.Default.FeedResponse, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _authorization;
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            ProblemDocument? problem = null;
            if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
            {
                try
                {
                    problem = await response.Content.ReadFromJsonAsync(WhisperJsonContext.Default.ProblemDocument, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException)
                {
                    // Not a problem body after all; the status alone goes into the exception.
                }
            }

            throw new WhisperApiException(response.StatusCode, problem);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
            ?? throw new WhisperApiException(response.StatusCode, new ProblemDocument(null, "Empty body", (int)response.StatusCode, "The server answered JSON null.", null, null, null));
}
