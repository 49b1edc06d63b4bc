using System.Net;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using Whisper.Server.Auth;
using Whisper.Server.Sessions;
using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Auth;

/// <summary>
/// Walks every endpoint the app maps (from its EndpointDataSource) with no credential and with each role, by API key and
/// by JWT, and checks 401 / 403 / allowed against the matrix below — the same table as docs/security/authentication.md.
/// A new endpoint missing from the matrix, or without an explicit policy, fails here.
/// </summary>
public sealed partial class EndpointRoleMatrixTests
{
    private const string Anonymous = "anonymous";

    /// <summary>
    /// No role grants these: they skip roles (AllowAnonymous) and take only a token shared with one peer (the cutover
    /// gateway's handoff token, <see cref="SharedTokenGuard"/>), so any API key or JWT without it gets 401.
    /// </summary>
    private const string SharedToken = "shared-token";

    /// <summary>"METHOD pattern" → the roles allowed (or anonymous). Keep in step with docs/security/authentication.md.</summary>
    private static readonly Dictionary<string, string> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /health/live"] = Anonymous,
        ["GET /health/ready"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = "viewer operator auditor admin",
        ["GET /metrics"] = "viewer operator admin",
        ["POST /v1/events"] = "ingest admin",
        ["GET /v1/events"] = "operator admin",
        ["GET /v1/users/{id:long}"] = "operator admin",
        ["GET /v1/creators/{id:long}"] = "viewer operator admin",
        ["GET /v1/creators/{id:long}/videos"] = "viewer operator admin",
        ["GET /v1/videos/{id:long}"] = "viewer operator admin",
        ["GET /v1/videos"] = "viewer operator admin",
        ["GET /v1/products/{id:long}"] = "viewer operator admin",
        ["GET /v1/live-sessions"] = "viewer operator admin",
        ["GET /v1/feed"] = "viewer operator admin",
        ["POST /v1/tlog/entries"] = "operator admin",
        ["GET /v1/tlog/head"] = "viewer operator auditor admin",
        ["GET /v1/tlog/proof/inclusion"] = "viewer operator auditor admin",
        ["GET /v1/tlog/proof/consistency"] = "viewer operator auditor admin",
        ["GET /v1/tlog/entries/{index}"] = "viewer operator auditor admin",
        ["GET /v1/audit-trail"] = "auditor admin",
        ["GET /v1/security/alerts"] = "auditor admin",
        ["GET /v1/parity/verdict"] = "viewer operator admin",
        ["GET /v1/parity/report"] = "viewer operator admin",
        ["GET /v1/integrity/model-registry"] = "auditor admin",
        ["GET /v1/integrity/manipulation-report"] = "auditor admin",
        ["GET /v1/integrity/deletion-certificates"] = "auditor admin",
        ["GET /v1/integrity/deletion-certificates/{name}"] = "auditor admin",
        ["GET /v1/integrity/deletion-certificates/{name}/signature"] = "auditor admin",
        ["GET /v1/integrity/bundle"] = "auditor admin",
        ["GET /internal/v1/sessions/{userId:long}"] = SharedToken,
        ["POST /internal/v1/sessions/"] = SharedToken,
    };

    [Fact]
    public async Task EveryMappedEndpoint_IsInTheMatrix_AndNamesAPolicyOrIsAnonymous()
    {
        await using var host = await SecuredServerHost.StartAsync();

        var endpoints = Endpoints(host);

        Assert.Equal(Matrix.Keys.Order(StringComparer.Ordinal), endpoints.Select(static e => e.Key).Order(StringComparer.Ordinal));
        foreach (var (key, endpoint) in endpoints)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(static d => d.Policy).ToList();
            var sharedToken = endpoint.Metadata.GetMetadata<SharedTokenGuard>() is not null;
            Assert.True(sharedToken == (Matrix[key] == SharedToken), $"{key}: shared-token guard is {sharedToken}");
            Assert.True(anonymous == (Matrix[key] is Anonymous or SharedToken), $"{key}: anonymous is {anonymous}");
            Assert.True(anonymous || (policies.Count > 0 && policies.All(static p => p is not null && WhisperPolicies.Grants.ContainsKey(p))),
                $"{key} relies on the fallback policy or names an unknown one ({string.Join(", ", policies)}); give it a WhisperPolicies policy.");
        }
    }

    [Theory]
    [InlineData("api-key")]
    [InlineData("jwt")]
    public async Task EveryMappedEndpoint_AnswersEachRoleAsTheMatrixSays(string scheme)
    {
        await using var host = await SecuredServerHost.StartAsync();
        var mismatches = new List<string>();

        foreach (var (key, _) in Endpoints(host))
        {
            var allowed = Matrix[key].Split(' ');
            var (method, path) = Request(key);
            // Without the shared token every caller, whatever its role, is unauthenticated there.
            var roleRefusal = Matrix[key] == SharedToken ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            mismatches.AddRange(await CheckAsync(host, key, method, path, credential: null, expectAllowed: allowed.Contains(Anonymous), refusal: HttpStatusCode.Unauthorized));
            foreach (var role in SecuredServerHost.Roles)
            {
                var credential = scheme == "jwt" ? host.Token(role) : host.Key(role);
                mismatches.AddRange(await CheckAsync(host, $"{key} as {role}", method, path, credential,
                    expectAllowed: allowed.Contains(role) || allowed.Contains(Anonymous), refusal: roleRefusal));
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task PublicFeedDemo_FeedIsAnonymous_EverythingElseStillNeedsACredential()
    {
        await using var demo = await SecuredServerHost.StartAsync(static s => s with { PublicFeedDemo = true });
        await using var plain = await SecuredServerHost.StartAsync();

        using var demoFeed = await demo.SendAsync(HttpMethod.Get, "/v1/feed?user=1", credential: null);
        using var demoVideos = await demo.SendAsync(HttpMethod.Get, "/v1/videos", credential: null);
        using var plainFeed = await plain.SendAsync(HttpMethod.Get, "/v1/feed?user=1", credential: null);

        Assert.Equal(HttpStatusCode.NotFound, demoFeed.StatusCode); // served: user 1 is unknown to the empty model
        await Problem.AssertAsync(demoVideos, HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(plainFeed, HttpStatusCode.Unauthorized);
        var anonymousOnes = Endpoints(demo)
            .Where(static e => e.Value.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Value.Metadata.GetMetadata<SharedTokenGuard>() is null)
            .Select(static e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["GET /health/live", "GET /health/ready", "GET /v1/feed"], anonymousOnes);
    }

    [Fact]
    public async Task UnmappedPath_NeedsACredential_ThenIs404()
    {
        await using var host = await SecuredServerHost.StartAsync();

        using var anonymous = await host.SendAsync(HttpMethod.Get, "/v1/nothing-here", credential: null);
        using var viewer = await host.SendAsync(HttpMethod.Get, "/v1/nothing-here", host.Key("viewer"));

        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, viewer.StatusCode);
    }

    private static async Task<IEnumerable<string>> CheckAsync(SecuredServerHost host, string what, HttpMethod method, string path, string? credential, bool expectAllowed, HttpStatusCode refusal)
    {
        using var response = await host.SendAsync(method, path, credential, method == HttpMethod.Post ? "{}" : null);
        var status = response.StatusCode;
        var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
        if (expectAllowed && refused)
        {
            return [$"{what}: expected allowed, got {(int)status}"];
        }

        if (!expectAllowed && status != refusal)
        {
            return [$"{what}: expected {(int)refusal}, got {(int)status}"];
        }

        if (refused && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return [$"{what}: {(int)status} without problem+json"];
        }

        return [];
    }

    private static List<KeyValuePair<string, RouteEndpoint>> Endpoints(SecuredServerHost host)
    {
        var result = new List<KeyValuePair<string, RouteEndpoint>>();
        foreach (var endpoint in host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var pattern = endpoint.RoutePattern.RawText!;
            foreach (var method in methods)
            {
                result.Add(new($"{method} {(pattern.StartsWith('/') ? pattern : "/" + pattern)}", endpoint));
            }
        }

        return result;
    }

    /// <summary>A concrete request for a matrix key: route parameters become 1 (the OpenAPI document name v1).</summary>
    private static (HttpMethod Method, string Path) Request(string key)
    {
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        var path = Parameter().Replace(key[(space + 1)..], static m => m.Groups[1].Value == "documentName" ? "v1" : "1");
        return (new HttpMethod(key[..space]), path);
    }

    [GeneratedRegex(@"\{([^}:]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
