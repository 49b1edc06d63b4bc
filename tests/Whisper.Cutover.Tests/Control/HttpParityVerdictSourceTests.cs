using System.Net;

using Whisper.Cutover.Gates;

namespace Whisper.Cutover.Tests.Control;

public class HttpParityVerdictSourceTests
{
    [Theory]
    [InlineData("""{"format":"whisper-parity-verdict","formatVersion":1,"outcome":"pass","reasons":["ndcg ok"]}""", GateVerdict.Pass)]
    [InlineData("""{"outcome":"FAIL","reasons":["ndcg@10 relative loss 0.12 > 0.05"]}""", GateVerdict.Fail)]
    [InlineData("""{"outcome":"inconclusive"}""", GateVerdict.Inconclusive)]
    [InlineData("""{"verdict":"pass"}""", GateVerdict.Pass)]
    [InlineData("""{"outcome":"maybe"}""", GateVerdict.Fail)]
    [InlineData("""[1,2]""", GateVerdict.Fail)]
    [InlineData("not json", GateVerdict.Fail)]
    public void Parse_VerdictBody_GivesTheReading(string body, GateVerdict expected) =>
        Assert.Equal(expected, HttpParityVerdictSource.Parse(body).Verdict);

    [Fact]
    public void Parse_Reasons_BecomeTheDetail() =>
        Assert.Equal("fail: a; b", HttpParityVerdictSource.Parse("""{"outcome":"fail","reasons":["a","b"]}""").Detail);

    [Theory]
    [InlineData(HttpStatusCode.NotFound, GateVerdict.Inconclusive)]
    [InlineData(HttpStatusCode.ServiceUnavailable, GateVerdict.Inconclusive)]
    [InlineData(HttpStatusCode.InternalServerError, GateVerdict.Fail)]
    [InlineData(HttpStatusCode.Unauthorized, GateVerdict.Fail)]
    public async Task ReadAsync_ErrorStatus_MapsToAVerdict(HttpStatusCode status, GateVerdict expected)
    {
        using var client = new HttpClient(new Answer(status, "{}"));
        var source = new HttpParityVerdictSource(client, new Uri("http://fork.invalid/v1/parity/verdict"), "viewer-key");

        Assert.Equal(expected, (await source.ReadAsync(CancellationToken.None)).Verdict);
    }

    [Fact]
    public async Task ReadAsync_SendsTheBearerCredential()
    {
        var handler = new Answer(HttpStatusCode.OK, """{"outcome":"pass"}""");
        using var client = new HttpClient(handler);

        var reading = await new HttpParityVerdictSource(client, new Uri("http://fork.invalid/v1/parity/verdict"), "viewer-key").ReadAsync(CancellationToken.None);

        Assert.Equal(GateVerdict.Pass, reading.Verdict);
        Assert.Equal("Bearer viewer-key", handler.Authorization);
    }

    private sealed class Answer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
