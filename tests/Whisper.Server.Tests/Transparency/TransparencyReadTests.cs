using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Whisper.Core.Integrity;
using Whisper.Server.Tests.Infrastructure;
using Whisper.Server.Transparency;

namespace Whisper.Server.Tests.Transparency;

/// <summary>Head, proofs and entries over a log of 21 entries; nothing here appends.</summary>
public sealed class TransparencyReadTests(TlogServerFixture fixture) : IClassFixture<TlogServerFixture>
{
    private readonly TlogServerHost _host = fixture.Host;

    [Fact]
    public async Task Proofs_FromTheApi_VerifyAgainstTheSignedHead()
    {
        var head = await GetAsync("/v1/tlog/head", TransparencyJsonContext.Default.SignedTreeHeadDocument);
        Assert.Equal(21, head.TreeSize);
        Assert.True(head.TryToSignedTreeHead(out var signed) && signed!.Verify(Convert.FromBase64String(head.PublicKey!)));
        Assert.Equal(_host.Log.PublicKey, Convert.FromBase64String(head.PublicKey!));
        var root = Convert.FromBase64String(head.RootHash);

        var entry = await GetAsync("/v1/tlog/entries/13", TransparencyJsonContext.Default.LogEntryDocument);
        var inclusion = await GetAsync("/v1/tlog/proof/inclusion?index=13", TransparencyJsonContext.Default.InclusionProofDocument);
        Assert.Equal("step 13", entry.Subject);
        Assert.Equal((13L, 21L), (inclusion.Index, inclusion.TreeSize));
        Assert.Equal(entry.LeafHash, inclusion.LeafHash);
        Assert.True(MerkleTree.VerifyInclusion(13, 21, MerkleTree.LeafHash(Convert.FromBase64String(entry.Leaf)), Hashes(inclusion.Proof), root));

        var older = await GetAsync("/v1/tlog/proof/inclusion?index=2&size=5", TransparencyJsonContext.Default.InclusionProofDocument);
        Assert.True(MerkleTree.VerifyInclusion(2, 5, Convert.FromBase64String(older.LeafHash), Hashes(older.Proof), _host.Log.RootHash(5)));
        Assert.False(MerkleTree.VerifyInclusion(2, 5, Convert.FromBase64String(older.LeafHash), Hashes(older.Proof), root));

        var consistency = await GetAsync("/v1/tlog/proof/consistency?from=7", TransparencyJsonContext.Default.ConsistencyProofDocument);
        Assert.Equal((7L, 21L), (consistency.From, consistency.To));
        Assert.True(MerkleTree.VerifyConsistency(7, 21, _host.Log.RootHash(7), root, Hashes(consistency.Proof)));
        var between = await GetAsync("/v1/tlog/proof/consistency?from=3&to=16", TransparencyJsonContext.Default.ConsistencyProofDocument);
        Assert.True(MerkleTree.VerifyConsistency(3, 16, Convert.FromBase64String(between.FromRoot), Convert.FromBase64String(between.ToRoot), Hashes(between.Proof)));
    }

    [Theory]
    [InlineData("POST", "/v1/tlog/entries")]
    [InlineData("GET", "/v1/tlog/head")]
    [InlineData("GET", "/v1/tlog/proof/inclusion?index=0")]
    [InlineData("GET", "/v1/tlog/proof/consistency?from=0")]
    [InlineData("GET", "/v1/tlog/entries/0")]
    public async Task AnyRoute_NoKey_401(string method, string path)
    {
        using var response = await _host.SendAsync(new HttpMethod(method), path, key: null);

        Assert.Equal("unauthenticated", (await Problem.AssertAsync(response, HttpStatusCode.Unauthorized)).Code());
        Assert.Equal(21, _host.Log.Size);
    }

    [Theory]
    [InlineData("/v1/tlog/head")]
    [InlineData("/v1/tlog/proof/inclusion?index=0")]
    [InlineData("/v1/tlog/proof/consistency?from=0")]
    [InlineData("/v1/tlog/entries/0")]
    public async Task Reads_IngestOnlyKey_403(string path)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, _host.IngestKey);

        Assert.Equal("forbidden", (await Problem.AssertAsync(response, HttpStatusCode.Forbidden)).Code());
    }

    [Fact]
    public async Task Reads_ReadAndOperatorKeys_200()
    {
        using var read = await _host.SendAsync(HttpMethod.Get, "/v1/tlog/entries/20", _host.ViewerKey);
        using var op = await _host.SendAsync(HttpMethod.Get, "/v1/tlog/head", _host.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, op.StatusCode);
    }

    [Theory]
    [InlineData("/v1/tlog/proof/inclusion", "index")]
    [InlineData("/v1/tlog/proof/inclusion?index=abc", "index")]
    [InlineData("/v1/tlog/proof/inclusion?index=-1", "index")]
    [InlineData("/v1/tlog/proof/inclusion?index=21", "index")]
    [InlineData("/v1/tlog/proof/inclusion?index=+1", "index")]
    [InlineData("/v1/tlog/proof/inclusion?index=1&size=1", "index")]
    [InlineData("/v1/tlog/proof/inclusion?index=0&size=0", "size")]
    [InlineData("/v1/tlog/proof/inclusion?index=0&size=22", "size")]
    [InlineData("/v1/tlog/proof/inclusion?index=0&size=x", "size")]
    [InlineData("/v1/tlog/proof/consistency", "from")]
    [InlineData("/v1/tlog/proof/consistency?from=22", "from")]
    [InlineData("/v1/tlog/proof/consistency?from=2&to=1", "from")]
    [InlineData("/v1/tlog/proof/consistency?from=1.5", "from")]
    [InlineData("/v1/tlog/proof/consistency?from=1&to=22", "to")]
    [InlineData("/v1/tlog/proof/consistency?from=1&to=-2", "to")]
    [InlineData("/v1/tlog/entries/abc", "index")]
    [InlineData("/v1/tlog/entries/-1", "index")]
    [InlineData("/v1/tlog/entries/99999999999999999999", "index")]
    public async Task Reads_BadParameters_400NamingTheField(string path, string field)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, _host.ViewerKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_field", problem.Code());
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task GetEntry_PastTheEnd_404()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/tlog/entries/21", _host.ViewerKey);

        Assert.Equal("not_found", (await Problem.AssertAsync(response, HttpStatusCode.NotFound)).Code());
    }

    private async Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, _host.ViewerKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize(text, typeInfo)!;
    }

    private static List<byte[]> Hashes(IReadOnlyList<string> proof) => [.. proof.Select(Convert.FromBase64String)];
}
