using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Whisper.Server.Auth;
using Whisper.Server.Integrity;

namespace Whisper.Cli.Tests;

/// <summary>
/// GET /v1/integrity/* on a minimal loopback app with the real endpoints and the real policy name and grants
/// (<see cref="WhisperPolicies.Grants"/>); a test scheme takes the caller's role from a header.
/// </summary>
public sealed class IntegrityEndpointsTests
{
    private static readonly string[] Routes =
    [
        "/v1/integrity/model-registry", "/v1/integrity/manipulation-report", "/v1/integrity/deletion-certificates",
        "/v1/integrity/deletion-certificates/purge-1", "/v1/integrity/deletion-certificates/purge-1/signature", "/v1/integrity/bundle",
    ];

    [Fact]
    public async Task EveryRoute_AuditorAndAdminRead_OtherRolesForbidden_AnonymousUnauthorized()
    {
        using var temp = new TempFolder();
        await FillAsync(temp.Path);
        await using var app = await StartAsync(temp.Path);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        foreach (var route in Routes)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(route)).StatusCode);
            foreach (var role in (string[])["viewer", "operator", "ingest"])
            {
                Assert.True((await Get(http, route, role)).StatusCode == HttpStatusCode.Forbidden, $"{route} as {role}");
            }

            foreach (var role in (string[])["auditor", "admin"])
            {
                Assert.True((await Get(http, route, role)).StatusCode == HttpStatusCode.OK, $"{route} as {role}");
            }
        }
    }

    [Fact]
    public async Task Files_ServedAsTheirExactBytes_CertificatesListed()
    {
        using var temp = new TempFolder();
        await FillAsync(temp.Path);
        await using var app = await StartAsync(temp.Path);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var registry = await Get(http, "/v1/integrity/model-registry", "auditor");
        var bundle = await Get(http, "/v1/integrity/bundle", "auditor");
        var signature = await Get(http, "/v1/integrity/deletion-certificates/purge-1/signature", "auditor");
        var list = JsonNode.Parse(await (await Get(http, "/v1/integrity/deletion-certificates", "auditor")).Content.ReadAsStringAsync())!;

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(temp.Path, IntegrityEndpoints.ModelRegistryFile)), await registry.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", registry.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x50, 0x4b, 3, 4, 9], await bundle.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/zip", bundle.Content.Headers.ContentType?.MediaType);
        Assert.Equal(IntegrityEndpoints.BundleFile, bundle.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("{\"signature\":1}", await signature.Content.ReadAsStringAsync());
        var certificates = list["certificates"]!.AsArray();
        Assert.Equal(2, certificates.Count);
        Assert.Equal("purge-1", (string?)certificates[0]!["name"]);
        Assert.True((bool)certificates[0]!["hasSignature"]!);
        Assert.Equal("purge-2", (string?)certificates[1]!["name"]);
        Assert.False((bool)certificates[1]!["hasSignature"]!);
    }

    [Fact]
    public async Task MissingFileOrBadName_IsAProblem()
    {
        using var temp = new TempFolder();
        await using var app = await StartAsync(temp.Path);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var noBundle = await Get(http, "/v1/integrity/bundle", "auditor");
        var noCertificate = await Get(http, "/v1/integrity/deletion-certificates/purge-9", "auditor");
        var traversal = await Get(http, "/v1/integrity/deletion-certificates/..%2Fpasswd", "auditor");
        var emptyList = JsonNode.Parse(await (await Get(http, "/v1/integrity/deletion-certificates", "auditor")).Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, noBundle.StatusCode);
        Assert.Equal("application/problem+json", noBundle.Content.Headers.ContentType?.MediaType);
        Assert.Contains("whisper audit-bundle create", await noBundle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noCertificate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, traversal.StatusCode);
        Assert.Empty(emptyList["certificates"]!.AsArray());
    }

    [Theory]
    [InlineData("purge-1", true)]
    [InlineData("deletion-certificate", true)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void IsCertificateName_AcceptsOnlyPlainFileNames(string name, bool expected) =>
        Assert.Equal(expected, IntegrityEndpoints.IsCertificateName(name));

    private static async Task FillAsync(string folder)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, IntegrityEndpoints.ModelRegistryFile), "{\"format\":\"whisper-model-registry\",\"models\":[]}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, IntegrityEndpoints.ManipulationReportFile), "{\"format\":1}");
        await File.WriteAllBytesAsync(Path.Combine(folder, IntegrityEndpoints.BundleFile), [0x50, 0x4b, 3, 4, 9]);
        var certificates = Directory.CreateDirectory(Path.Combine(folder, IntegrityEndpoints.CertificatesFolder)).FullName;
        await File.WriteAllTextAsync(Path.Combine(certificates, "purge-1.json"), "{\"certificate\":1}");
        await File.WriteAllTextAsync(Path.Combine(certificates, "purge-1.sig"), "{\"signature\":1}");
        await File.WriteAllTextAsync(Path.Combine(certificates, "purge-2.json"), "{\"certificate\":2}");
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string path, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(RoleHeaderHost.Name, role);
        return await http.SendAsync(request);
    }

    private static Task<WebApplication> StartAsync(string evidence) =>
        RoleHeaderHost.StartAsync(IntegrityEndpoints.Policy, ApiKeyRoleNames.ToNames(WhisperPolicies.Grants[IntegrityEndpoints.Policy]), app => app.MapIntegrity(evidence));
}
