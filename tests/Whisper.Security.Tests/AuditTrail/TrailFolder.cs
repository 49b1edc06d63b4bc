using System.Text;

using Microsoft.Extensions.Time.Testing;

using Whisper.Security.AuditTrail;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.AuditTrail;

/// <summary>A temp folder with a transparency log and a trail path; helpers write records and edit the file's lines.</summary>
internal sealed class TrailFolder : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private TransparencyLog? _log;

    public string Path { get; } = Directory.CreateTempSubdirectory("whisper-audit-trail-").FullName;

    public string TrailPath => System.IO.Path.Combine(Path, "audit-trail.jsonl");

    public string LogPath => System.IO.Path.Combine(Path, "tlog");

    public FakeTimeProvider Clock { get; } = new(T0);

    public TransparencyLog Log => _log ??= TransparencyLog.Open(LogPath, time: Clock);

    public AuditTrailOptions Options(int anchorEvery = 5) => new() { AnchorEvery = anchorEvery, TimeProvider = Clock };

    public static AuditEntry Entry(int i, string actor = "key:ops") =>
        new(T0.AddSeconds(i), actor, ["operator"], "POST /v1/tlog/entries", $"/v1/tlog/entries/{i}", AuditOutcome.Succeeded, 201, "127.0.0.1");

    /// <summary>Creates the trail with <paramref name="count"/> records and closes it (anchoring its head).</summary>
    public async Task<IReadOnlyList<AuditRecord>> WriteAsync(int count, int anchorEvery = 5)
    {
        var records = new List<AuditRecord>();
        await using var trail = await AuditTrailFile.OpenAsync(TrailPath, Log, Options(anchorEvery));
        for (var i = 1; i <= count; i++)
        {
            records.Add(await trail.AppendAsync(Entry(i)));
        }

        return records;
    }

    public AuditTrailVerification Verify() => AuditTrailVerifier.Verify(TrailPath, Log);

    /// <summary>The file's lines without their '\n' (line 0 is the header).</summary>
    public List<string> ReadLines() => [.. File.ReadAllText(TrailPath).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public void WriteLines(IEnumerable<string> lines) => File.WriteAllText(TrailPath, string.Concat(lines.Select(static l => l + "\n")), new UTF8Encoding(false));

    public void Dispose()
    {
        _log?.Dispose();
        Directory.Delete(Path, recursive: true);
    }
}
