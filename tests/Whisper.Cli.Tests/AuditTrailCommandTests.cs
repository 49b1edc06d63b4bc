using Whisper.Security.AuditTrail;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Tests;

public sealed class AuditTrailCommandTests
{
    [Fact]
    public async Task Verify_IntactTrail_ExitsZero()
    {
        using var temp = new TempFolder();
        await WriteTrailAsync(temp, records: 7);

        var run = await CliRun.RunAsync("audit-trail", "verify", "--trail", temp.File("trail.jsonl"), "--log", temp.File("tlog"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("valid", run.Out, StringComparison.Ordinal);
        Assert.Contains("7 records", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedRecord_ExitsOneNamingIt()
    {
        using var temp = new TempFolder();
        await WriteTrailAsync(temp, records: 7);
        var lines = await File.ReadAllLinesAsync(temp.File("trail.jsonl"));
        lines[3] = lines[3].Replace("key:ops", "key:eve", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(temp.File("trail.jsonl"), lines);

        var run = await CliRun.RunAsync("audit-trail", "verify", "--trail", temp.File("trail.jsonl"), "--log", temp.File("tlog"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("TAMPERED: record 3 (line 4)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-trail")]
    [InlineData("missing-log")]
    [InlineData("not-a-trail")]
    public async Task Verify_BadInput_ExitsTwo(string what)
    {
        using var temp = new TempFolder();
        await WriteTrailAsync(temp, records: 2);
        var trail = what == "missing-trail" ? temp.File("none.jsonl") : temp.File("trail.jsonl");
        var log = what == "missing-log" ? temp.File("no-log") : temp.File("tlog");
        if (what == "not-a-trail")
        {
            await File.WriteAllTextAsync(trail, "a,b,c\n");
        }

        var run = await CliRun.RunAsync("audit-trail", "verify", "--trail", trail, "--log", log);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("whisper: ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("no-log")));
    }

    private static async Task WriteTrailAsync(TempFolder temp, int records)
    {
        using var log = TransparencyLog.Open(temp.File("tlog"));
        await using var trail = await AuditTrailFile.OpenAsync(temp.File("trail.jsonl"), log, new AuditTrailOptions { AnchorEvery = 3 });
        for (var i = 1; i <= records; i++)
        {
            await trail.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "key:ops", ["operator"], "POST /v1/tlog/entries", "/v1/tlog/entries", AuditOutcome.Succeeded, 201, "127.0.0.1"));
        }
    }
}
