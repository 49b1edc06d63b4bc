using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Whisper.Parity.Gate;
using Whisper.Parity.Report;
using Whisper.Server.Parity;

namespace Whisper.Cli.Tests;

/// <summary>
/// GET /v1/parity/verdict and /report on a minimal app on loopback: the real endpoints and policy name, with a test
/// scheme that takes the caller's role from a header (the server's API-key scheme is wired by WhisperServerApp).
/// </summary>
public sealed class ParityEndpointsTests
{
    [Fact]
    public async Task Verdict_ServedToAViewer_RefusedWithoutCredentialsOrRole()
    {
        using var temp = new TempFolder();
        var verdict = new GateVerdict(GateOutcome.Fail, GateMode.PartialDivestiture, DateTimeOffset.UnixEpoch, 300, 80, [], ["rbo@10 0.5 < 0.9"], null, null);
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ParityResults.VerdictFile), ParityJson.Verdict(verdict).ToJsonString());
        await using var app = await StartAsync(temp.Path);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/parity/verdict")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(http, "/v1/parity/verdict", "ingest")).StatusCode);
        var ok = await Get(http, "/v1/parity/verdict", "viewer");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/json", ok.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"outcome\": \"fail\"", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoRunYet_IsAProblem404_ThenServedAsHtmlWithALockedDownPolicy()
    {
        using var temp = new TempFolder();
        await using var app = await StartAsync(temp.Path);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var missing = await Get(http, "/v1/parity/report", "viewer");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("whisper parity run", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(temp.Path, ParityResults.HtmlFile), "<!DOCTYPE html><html><body>ok</body></html>");
        var html = await Get(http, "/v1/parity/report", "viewer");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verdict_ForeignFile_Is503()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ParityResults.VerdictFile), "not json");
        await using var app = await StartAsync(temp.Path);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Get(http, "/v1/parity/verdict", "viewer")).StatusCode);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string path, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(RoleHeaderHost.Name, role);
        return await http.SendAsync(request);
    }

    private static Task<WebApplication> StartAsync(string results) =>
        RoleHeaderHost.StartAsync(ParityEndpoints.Policy, ["viewer", "operator", "admin"], app => app.MapParity(results));
}
