using System.Globalization;
using System.Text;

namespace Whisper.Fork.Import;

/// <summary>
/// <c>import.journal</c> in the repository: first line the export id it belongs to, then one line per chunk index
/// applied to the target, appended and flushed after the target committed the chunk. Re-applying a chunk is
/// harmless (rows upsert by key, events deduplicate by client id), so a crash costs at most the chunk in flight.
/// </summary>
internal sealed class ImportJournal : IDisposable
{
    public const string FileName = "import.journal";

    private readonly FileStream _stream;

    private ImportJournal(FileStream stream, HashSet<int> applied)
    {
        _stream = stream;
        Applied = applied;
    }

    public HashSet<int> Applied { get; }

    /// <summary>How many chunks the journal in <paramref name="repository"/> records as applied (0 without a journal).</summary>
    public static int AppliedCount(string repository)
    {
        var path = Path.Combine(repository, FileName);
        return File.Exists(path) ? Math.Max(0, File.ReadAllLines(path).Length - 1) : 0;
    }

    public static ImportJournal Open(string repository, Guid exportId)
    {
        var path = Path.Combine(repository, FileName);
        var applied = new HashSet<int>();
        var expectedHeader = "export " + exportId.ToString("D");
        if (File.Exists(path))
        {
            var lines = File.ReadAllText(path).Split('\n');
            if (lines[0] != expectedHeader)
            {
                throw new InvalidOperationException(
                    $"{path} belongs to '{lines[0]}', but the manifest is export {exportId:D}: the manifest was swapped, or this repository was reused; import into a fresh target from an untouched export");
            }

            // The last element is either empty (clean end) or a torn line from a crash: both are ignored.
            for (var i = 1; i < lines.Length - 1; i++)
            {
                applied.Add(int.Parse(lines[i], NumberStyles.None, CultureInfo.InvariantCulture));
            }
        }

        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        var journal = new ImportJournal(stream, applied);
        if (stream.Length == 0)
        {
            journal.WriteLine(expectedHeader);
        }
        else
        {
            var cleanLength = File.ReadAllBytes(path).AsSpan().LastIndexOf((byte)'\n') + 1;
            stream.SetLength(cleanLength);
            stream.Seek(0, SeekOrigin.End);
        }

        return journal;
    }

    public void MarkApplied(int chunkIndex)
    {
        WriteLine(chunkIndex.ToString(CultureInfo.InvariantCulture));
        Applied.Add(chunkIndex);
    }

    public void Dispose() => _stream.Dispose();

    private void WriteLine(string line)
    {
        _stream.Write(Encoding.ASCII.GetBytes(line + "\n"));
        _stream.Flush(flushToDisk: true);
    }
}
