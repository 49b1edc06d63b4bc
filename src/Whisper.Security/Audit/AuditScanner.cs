using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;

using Microsoft.Win32.SafeHandles;

using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Assemblies;
using Whisper.Security.Audit.Baseline;
using Whisper.Security.Audit.Rules;
using Whisper.Security.Audit.Scanning;

namespace Whisper.Security.Audit;

/// <summary>
/// Scans a source tree (or one file) with a rules file against a region allowlist: files in parallel, each on a
/// thread-local scanner that reuses its buffers. Findings come back sorted and fingerprinted, not yet baselined.
/// </summary>
public sealed class AuditScanner
{
    /// <summary>Text files are read whole; the first 8 KiB are checked for NUL bytes (a binary file with a text extension).</summary>
    private const int BinaryProbe = 8 * 1024;

    private readonly ScanPlan plan;

    /// <exception cref="AuditInputException">The rules file enables more rules than a scan supports.</exception>
    public AuditScanner(AuditRules rules, RegionAllowlist allowlist)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(allowlist);
        plan = new ScanPlan(rules, allowlist);
    }

    /// <summary>Threads scanning files at once; default: every core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <exception cref="AuditInputException"><paramref name="path"/> is neither a file nor a folder.</exception>
    public AuditReport Scan(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new AuditInputException($"{path}: no such file or folder; give the source tree (or one file) to scan.");
        }

        var clock = Stopwatch.StartNew();
        var root = Path.GetFullPath(path);
        var files = SourceFiles.Find(root, plan.Rules);
        var findings = new ConcurrentBag<List<AuditFinding>>();
        var notifications = new ConcurrentBag<AuditNotification>();
        long bytes = 0;
        Parallel.ForEach(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            () => new Worker(plan),
            (file, _, worker) =>
            {
                var read = worker.Scan(file.Relative, file.Full, file.Language, notifications);
                Interlocked.Add(ref bytes, read);
                return worker;
            },
            worker =>
            {
                findings.Add(worker.Findings);
                worker.Dispose();
            });

        var all = findings.SelectMany(f => f).ToList();
        all.Sort(FindingOrder.Instance);
        var ordered = notifications.OrderBy(n => n.Path, StringComparer.Ordinal).ThenBy(n => n.Message, StringComparer.Ordinal).ToList();
        return new AuditReport(root, plan.Rules, plan.Allowlist.Region, AuditFingerprint.Assign(all), ordered, files.Count, bytes, clock.Elapsed);
    }

    /// <summary>One scanning thread's state: a text scanner, an assembly scanner, a read buffer and its findings.</summary>
    private sealed class Worker(ScanPlan plan) : IDisposable
    {
        private readonly FileScanner text = new(plan);
        private readonly AssemblyScanner assemblies = new(plan);
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);

        public List<AuditFinding> Findings { get; } = [];

        public long Scan(string relative, string full, AuditLanguage language, ConcurrentBag<AuditNotification> notifications)
        {
            try
            {
                using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                var length = RandomAccess.GetLength(handle);
                if (length > plan.Rules.MaxFileBytes)
                {
                    notifications.Add(new AuditNotification(relative, AuditLevel.Note, $"skipped: {length} bytes is over maxFileBytes ({plan.Rules.MaxFileBytes})"));
                    return 0;
                }

                var size = (int)length;
                if (buffer.Length < size)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(size);
                }

                var read = ReadAll(handle, buffer.AsSpan(0, size));
                var content = buffer.AsSpan(0, read);
                if (language == AuditLanguage.Assembly)
                {
                    var problem = assemblies.Scan(relative, buffer, read, Findings);
                    if (problem is not null)
                    {
                        notifications.Add(new AuditNotification(relative, AuditLevel.Note, problem));
                    }
                }
                else if (content[..Math.Min(read, BinaryProbe)].Contains((byte)0))
                {
                    notifications.Add(new AuditNotification(relative, AuditLevel.Note, "skipped: binary content in a text file type"));
                }
                else
                {
                    text.Scan(relative, content, language, Findings);
                }

                return read;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notifications.Add(new AuditNotification(relative, AuditLevel.Warning, $"not scanned: {e.Message}"));
                return 0;
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException e)
            {
                notifications.Add(new AuditNotification(relative, AuditLevel.Warning, $"not fully scanned: a rule's regex timed out ({e.Pattern})"));
                return 0;
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);

        private static int ReadAll(SafeFileHandle handle, Span<byte> target)
        {
            var total = 0;
            while (total < target.Length)
            {
                var read = RandomAccess.Read(handle, target[total..], total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
    }
}
