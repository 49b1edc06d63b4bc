using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.Extensions.Options;

using Whisper.Security.AuditTrail;
using Whisper.Server.AuditTrail;
using Whisper.Server.Auth;
using Whisper.Server.Tests.Auth;
using Whisper.Storage;

namespace Whisper.Server.Tests.AuditTrail;

public sealed class AuditTrailRecordingTests
{
    private const string AppendBody = """{"kind":"release","subject":"whisper 1.0.0","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""";

    [Fact]
    public async Task PrivilegedCall_IsRecordedWithWhoWhatWhenAndOutcome()
    {
        await using var host = await SecuredServerHost.StartAsync();

        using var append = await host.SendAsync(HttpMethod.Post, "/v1/tlog/entries", host.Key("operator"), AppendBody);
        var records = await ReadTrailAsync(host, host.Key("auditor"));

        Assert.Equal(HttpStatusCode.Created, append.StatusCode);
        var record = Assert.Single(records, static r => r.GetProperty("action").GetString() == "POST /v1/tlog/entries");
        Assert.Equal("key:test-operator", record.GetProperty("actor").GetString());
        Assert.Equal(["operator"], record.GetProperty("roles").EnumerateArray().Select(static r => r.GetString()));
        Assert.Equal("/v1/tlog/entries", record.GetProperty("target").GetString());
        Assert.Equal("succeeded", record.GetProperty("outcome").GetString());
        Assert.Equal(201, record.GetProperty("status").GetInt32());
        Assert.Equal("127.0.0.1", record.GetProperty("sourceIp").GetString());
        Assert.True(DateTimeOffset.UtcNow - record.GetProperty("time").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Refusals_AreRecorded_UnprivilegedReadsAndIngestAreNot()
    {
        await using var host = await SecuredServerHost.StartAsync();

        using (await host.SendAsync(HttpMethod.Get, "/v1/users/1", host.Key("viewer"))) { }          // 403
        using (await host.SendAsync(HttpMethod.Get, "/v1/events", credential: null)) { }             // 401
        using (await host.SendAsync(HttpMethod.Get, "/v1/videos", host.Key("viewer"))) { }           // 200, not privileged
        using (await host.SendAsync(HttpMethod.Post, "/v1/events", host.Key("ingest"), "{}")) { }     // ingest, not recorded
        var records = await ReadTrailAsync(host, host.Token("auditor", subject: "alice"));

        var summary = records.Select(static r => $"{r.GetProperty("actor").GetString()} {r.GetProperty("action").GetString()} {r.GetProperty("status").GetInt32()} {r.GetProperty("outcome").GetString()}");
        Assert.Equal(["key:test-viewer GET /v1/users/{id:long} 403 refused", "anonymous GET /v1/events 401 refused"], summary);
    }

    [Fact]
    public async Task ReadingTheTrail_IsItselfRecorded_AndTheFileVerifiesAgainstTheLog()
    {
        await using var host = await SecuredServerHost.StartAsync();
        using (await host.SendAsync(HttpMethod.Post, "/v1/tlog/entries", host.Token("admin", subject: "root"), AppendBody)) { }
        await ReadTrailAsync(host, host.Token("auditor", subject: "alice"));

        var records = await ReadTrailAsync(host, host.Key("admin"));
        await host.App.StopAsync(); // closes the trail, anchoring its head

        Assert.Equal(["jwt:root", "jwt:alice"], records.Select(static r => r.GetProperty("actor").GetString()));
        var verification = AuditTrailVerifier.Verify(host.TrailPath, host.Log);
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(3, verification.Records); // the admin's read above is the third
    }

    [Fact]
    public async Task ReadTrail_BadPaging_400_ViewerRefused()
    {
        await using var host = await SecuredServerHost.StartAsync();

        using var bad = await host.SendAsync(HttpMethod.Get, "/v1/audit-trail?limit=0", host.Key("auditor"));
        using var viewer = await host.SendAsync(HttpMethod.Get, "/v1/audit-trail", host.Key("viewer"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    [Fact]
    public async Task Build_AuditTrailWithoutTransparencyLog_Refused()
    {
        var directory = Directory.CreateTempSubdirectory("whisper-trail-nolog-").FullName;
        try
        {
            var keys = Path.Combine(directory, "keys.json");
            await ApiKeyStore.CreateKeyAsync(keys, "k", ApiKeyRoles.Admin);
            await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(directory, "whisper.db")));
            var settings = new WhisperServerSettings { ApiKeysPath = keys, AuditTrail = new AuditTrailSettings { Path = Path.Combine(directory, "trail.jsonl") } };

            var error = Assert.Throws<OptionsValidationException>(() => WhisperServerApp.Build(settings, store));

            Assert.Contains("transparency log", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(settings.AuditTrail.Path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<List<JsonElement>> ReadTrailAsync(SecuredServerHost host, string credential)
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/v1/audit-trail?limit=100", credential);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
