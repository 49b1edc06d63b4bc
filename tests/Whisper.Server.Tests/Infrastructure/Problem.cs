using System.Net;
using System.Text.Json;

namespace Whisper.Server.Tests.Infrastructure;

/// <summary>Asserts a response is problem+json with the given status and returns the parsed body.</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString()!;
}
