using System.Security.Cryptography;

namespace Whisper.Security.Compliance.Evidence;

/// <summary>A file that must exist under the root; its SHA-256 goes into the report so an assessor can pin what was seen.</summary>
public sealed record FileEvidence(string Path, string? Description, int Line) : EvidenceItem(Description, Line)
{
    public override string Kind => "file";

    public override string Target => Path;

    public override async ValueTask<EvidenceResult> CheckAsync(EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var full = context.Resolve(Path);
        if (Directory.Exists(full))
        {
            return EvidenceResult.Missing($"{Path} is a folder; file evidence names a file");
        }

        if (!File.Exists(full))
        {
            return EvidenceResult.Missing($"{Path} does not exist");
        }

        try
        {
            var stream = File.OpenRead(full);
            await using (stream.ConfigureAwait(false))
            {
                var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
                return EvidenceResult.Pass($"{stream.Length:N0} bytes", Convert.ToHexStringLower(hash));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return EvidenceResult.Fail($"{Path} cannot be read: {e.Message}");
        }
    }
}
