using System.Net;
using System.Net.Http.Json;

using Whisper.Core.Integrity;
using Whisper.Server.Tests.Infrastructure;
using Whisper.Server.Transparency;

namespace Whisper.Server.Tests.Transparency;

/// <summary>POST /v1/tlog/entries: who may append, and every refusal leaves the log as it was.</summary>
public sealed class TransparencyAppendTests(EmptyTlogServerFixture fixture) : IClassFixture<EmptyTlogServerFixture>
{
    private const string Digest = TlogServerFixture.Digest;
    private readonly TlogServerHost _host = fixture.Host;

    [Fact]
    public async Task PostEntry_Operator_201WithIndexLocationAndASignedHeadThatVerifies()
    {
        var before = _host.Log.Size;

        using var response = await _host.AppendAsync($$"""{ "kind": "release", "subject": "whisper-server 1.4.2", "sha256": "{{Digest.ToUpperInvariant()}}" }""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/tlog/entries/{before}", response.Headers.Location?.OriginalString);
        var body = (await response.Content.ReadFromJsonAsync(TransparencyJsonContext.Default.AppendEntryResponse))!;
        Assert.Equal(before, body.Index);
        Assert.Equal(("release", "whisper-server 1.4.2", Digest), (body.Entry.Kind, body.Entry.Subject, body.Entry.Sha256));
        Assert.Equal(before + 1, body.Head.TreeSize);
        Assert.True(body.Head.TryToSignedTreeHead(out var head) && head!.Verify(_host.Log.PublicKey));
        var leafHash = MerkleTree.LeafHash(Convert.FromBase64String(body.Entry.Leaf));
        Assert.Equal(Convert.ToBase64String(leafHash), body.Entry.LeafHash);
        Assert.True(MerkleTree.VerifyInclusion(before, before + 1, leafHash, _host.Log.InclusionProof(before, before + 1), head!.RootHash));
    }

    [Fact]
    public async Task PostEntry_ReadOrIngestKey_403AndNothingLogged()
    {
        var before = _host.Log.Size;
        var json = $$"""{ "kind": "audit", "subject": "x", "sha256": "{{Digest}}" }""";

        using var read = await _host.AppendAsync(json, _host.ViewerKey);
        using var ingest = await _host.AppendAsync(json, _host.IngestKey);

        Assert.Equal("forbidden", (await Problem.AssertAsync(read, HttpStatusCode.Forbidden)).Code());
        Assert.Equal("forbidden", (await Problem.AssertAsync(ingest, HttpStatusCode.Forbidden)).Code());
        Assert.Equal(before, _host.Log.Size);
    }

    [Theory]
    [InlineData("""{ "kind": "party", "subject": "x", "sha256": "D" }""", "kind")]
    [InlineData("""{ "subject": "x", "sha256": "D" }""", "kind")]
    [InlineData("""{ "kind": "model", "subject": "", "sha256": "D" }""", "subject")]
    [InlineData("""{ "kind": "model", "subject": "a\nb", "sha256": "D" }""", "subject")]
    [InlineData("""{ "kind": "model", "sha256": "D" }""", "subject")]
    [InlineData("""{ "kind": "model", "subject": "x", "sha256": "abc" }""", "sha256")]
    [InlineData("""{ "kind": "model", "subject": "x" }""", "sha256")]
    public async Task PostEntry_BadField_400NamingIt(string json, string field)
    {
        var before = _host.Log.Size;

        using var response = await _host.AppendAsync(json.Replace("\"D\"", $"\"{Digest}\"", StringComparison.Ordinal));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_field", problem.Code());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, _host.Log.Size);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("""{ "kind": "model", "subject": "x", "sha256": "D", "timestamp": 5 }""")]
    [InlineData("""{ "kind": 3, "subject": "x", "sha256": "D" }""")]
    public async Task PostEntry_MalformedBody_400MalformedJson(string json)
    {
        var before = _host.Log.Size;

        using var response = await _host.AppendAsync(json.Replace("\"D\"", $"\"{Digest}\"", StringComparison.Ordinal));

        Assert.Equal("malformed_json", (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).Code());
        Assert.Equal(before, _host.Log.Size);
    }

    [Fact]
    public async Task PostEntry_NotJsonOrTooLarge_415And413()
    {
        using var text = await _host.AppendAsync("kind=release", contentType: "text/plain");
        using var large = await _host.AppendAsync($$"""{ "kind": "model", "subject": "{{new string('x', TransparencyEndpoints.MaxAppendBodyBytes)}}", "sha256": "{{Digest}}" }""");

        Assert.Equal("unsupported_media_type", (await Problem.AssertAsync(text, HttpStatusCode.UnsupportedMediaType)).Code());
        Assert.Equal("body_too_large", (await Problem.AssertAsync(large, HttpStatusCode.RequestEntityTooLarge)).Code());
    }
}
