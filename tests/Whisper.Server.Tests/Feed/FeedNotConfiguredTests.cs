using System.Net;

using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Feed;

public sealed class FeedNotConfiguredTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task GetFeed_ServerBuiltWithoutFeed_404()
    {
        using var response = await fixture.Host.SendAsync(HttpMethod.Get, "/v1/feed?user=1", fixture.Host.ViewerKey);

        Assert.Equal("not_found", (await Problem.AssertAsync(response, HttpStatusCode.NotFound)).Code());
    }
}
