using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.ResponseLog;

namespace Whisper.Recommendation.Tests.Attestation;

public sealed class ResponseLogTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Log_SampledUsers_AllTheirPagesAndNobodyElses()
    {
        var path = Path.Combine(Path.GetTempPath(), $"responses-{Guid.NewGuid():N}.jsonl");
        try
        {
            var log = new ServedResponseLog(new ServedResponseLogOptions { Path = path, SampleRate = 0.5, SampleSalt = 7 });
            await using (log)
            {
                for (var user = 1; user <= 200; user++)
                {
                    log.OnPageServed(Page(user, page: 0));
                    log.OnPageServed(Page(user, page: 1));
                }
            }

            var logged = ResponseLogReader.ReadAll(path);
            var users = logged.Select(r => r.UserId).Distinct().ToList();
            Assert.InRange(users.Count, 60, 140);
            Assert.All(users, u => Assert.True(log.IsSampled(u)));
            Assert.All(users, u => Assert.Equal(2, logged.Count(r => r.UserId == u)));
            Assert.Equal(400 - logged.Count, log.SampledOut);
            Assert.Equal(0, log.Dropped);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_BadLine_NamesTheLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"format\":1}\nnot json\n");
            var error = Assert.Throws<InvalidDataException>(() => ResponseLogReader.ReadAll(path));
            Assert.Contains(":1:", error.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidDataException>(() => ResponseLogReader.ReadAll(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AuditResponses_UnapprovedVersionAndHash_AreNamed()
    {
        await using var world = await ApprovedWorld.CreateAsync();
        var approved = world.Approved();
        var good = Response("1-a-0", world.Approval.Version, world.Approval.Sha256);
        var rogue = Response("2-b-0", "two-tower/rogue", null);
        var swapped = Response("3-c-0", world.Approval.Version, new string('e', 64));

        var report = ResponseVersionAudit.Check([good, rogue, swapped, good with { RequestId = "1-a-1" }], approved);

        Assert.False(report.Passed);
        Assert.Equal(4, report.Checked);
        Assert.Contains(report.Unapproved, u => u.ModelVersion == "two-tower/rogue" && u.ExampleRequestIds.SequenceEqual(["2-b-0"]));
        Assert.Contains(report.Unapproved, u => u.Reason == "model hash not approved" && u.ExampleRequestIds.SequenceEqual(["3-c-0"]));
        Assert.True(ResponseVersionAudit.Check([good], approved).Passed);
    }

    private static ServedPage Page(long user, int page) =>
        new(new FeedPage(user, page, [new FeedItem(10, 1, CandidateOrigin.Ann, 0.5f, 0)], "cursor", "two-tower/x", "model-score", false), At, 1, 42);

    private static ServedResponse Response(string id, string version, string? sha256) =>
        new(ServedResponse.CurrentFormat, id, At, 1, 0, 1, false, version, sha256, "model-score", [new ServedItem(10, 1, 0, 0.5f, CandidateOrigin.Ann)]);
}
