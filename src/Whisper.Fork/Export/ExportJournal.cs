using System.Text;
using System.Text.Json;

using Whisper.Fork.Manifest;
using Whisper.Fork.Records;

namespace Whisper.Fork.Export;

/// <summary>
/// <c>export.journal</c>: JSON lines that make an export resumable. The first line fixes the snapshot (export id,
/// log positions, policy); then one line per chunk, appended and flushed to disk only after the chunk itself is on
/// disk, in chunk order, with the cursor to resume the table after; a line when a table or model is complete. A
/// torn last line (a crash mid-append) is ignored; a torn line anywhere else means the journal was damaged.
/// </summary>
internal sealed class ExportJournal : IDisposable
{
    public const string FileName = "export.journal";

    private readonly FileStream _stream;

    private ExportJournal(FileStream stream, ExportJournalLine header, List<ExportJournalLine> lines)
    {
        _stream = stream;
        Header = header;
        Lines = lines;
    }

    public ExportJournalLine Header { get; }

    /// <summary>Lines after the header, in order.</summary>
    public List<ExportJournalLine> Lines { get; }

    public static ExportJournal OpenOrCreate(string repository, Func<ExportJournalLine> newHeader)
    {
        var path = Path.Combine(repository, FileName);
        var existing = File.Exists(path) ? Parse(path) : [];
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            if (existing.Count == 0)
            {
                stream.SetLength(0);
                var journal = new ExportJournal(stream, newHeader(), []);
                journal.Append(journal.Header);
                return journal;
            }

            // Drop a torn tail so the next append starts on a clean line.
            stream.SetLength(existing[^1].EndOffset);
            stream.Seek(0, SeekOrigin.End);
            return new ExportJournal(stream, existing[0].Line, existing.Skip(1).Select(l => l.Line).ToList());
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Append(ExportJournalLine line)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, ExportJournalJson.Default.ExportJournalLine);
        _stream.Write(bytes);
        _stream.WriteByte((byte)'\n');
        _stream.Flush(flushToDisk: true);
        if (!ReferenceEquals(line, Header))
        {
            Lines.Add(line);
        }
    }

    public void Dispose() => _stream.Dispose();

    private static List<(ExportJournalLine Line, long EndOffset)> Parse(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var result = new List<(ExportJournalLine, long)>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                break; // torn tail: the crash happened mid-append
            }

            try
            {
                var line = JsonSerializer.Deserialize(bytes.AsSpan(start, end - start), ExportJournalJson.Default.ExportJournalLine)
                    ?? throw new JsonException("null line");
                result.Add((line, end + 1));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} line {result.Count + 1} is damaged ({e.Message}); delete the repository and export again", e);
            }

            start = end + 1;
        }

        return result;
    }
}

/// <summary>One journal line: <see cref="Kind"/> says which of the optional parts it carries.</summary>
internal sealed record ExportJournalLine
{
    public const string HeaderKind = "header";
    public const string ChunkKind = "chunk";
    public const string TableDoneKind = "table-done";
    public const string ModelDoneKind = "model-done";

    public required string Kind { get; init; }

    // header
    public Guid ExportId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? TargetRegion { get; init; }

    public ForkMode Mode { get; init; }

    public string? PolicySha256 { get; init; }

    public long EventPosition { get; init; }

    public long ChangePosition { get; init; }

    // chunk
    public ManifestChunk? Chunk { get; init; }

    /// <summary>Where the table's scan resumes after this chunk.</summary>
    public long CursorA { get; init; }

    public long CursorB { get; init; }

    /// <summary>The chunk's <see cref="ContentDigest.Sum"/> (hex), so table digests survive a resume.</summary>
    public string? DigestSum { get; init; }

    // table-done / model-done
    public ForkTable Table { get; init; }

    public ManifestModel? Model { get; init; }

    public override string ToString() => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(this, ExportJournalJson.Default.ExportJournalLine));
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ExportJournalLine))]
internal sealed partial class ExportJournalJson : System.Text.Json.Serialization.JsonSerializerContext;
