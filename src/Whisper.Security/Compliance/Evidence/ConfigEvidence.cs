using System.Text.Json;

namespace Whisper.Security.Compliance.Evidence;

/// <summary>
/// A JSON configuration file that must parse and hold, at <see cref="Selector"/> (an RFC 6901 JSON pointer), a value meeting
/// <see cref="Expectation"/>: e.g. <c>allowlists/us.json</c>, <c>/region</c>, equals <c>"us"</c>. A file that no
/// longer parses, a value that moved or changed, is drift.
/// </summary>
public sealed record ConfigEvidence(string Path, string Selector, ConfigExpectation Expectation, string? Description, int Line)
    : EvidenceItem(Description, Line)
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public override string Kind => "config";

    public override string Target => $"{Path} {(Selector.Length == 0 ? "(whole file)" : Selector)}";

    public override async ValueTask<EvidenceResult> CheckAsync(EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var full = context.Resolve(Path);
        if (!File.Exists(full))
        {
            return EvidenceResult.Missing($"{Path} does not exist");
        }

        JsonDocument document;
        try
        {
            var stream = File.OpenRead(full);
            await using (stream.ConfigureAwait(false))
            {
                document = await JsonDocument.ParseAsync(stream, Options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException e)
        {
            return EvidenceResult.Fail($"{Path} is not valid JSON (line {(e.LineNumber ?? 0) + 1})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return EvidenceResult.Fail($"{Path} cannot be read: {e.Message}");
        }

        using (document)
        {
            if (!JsonPointer.TryResolve(document.RootElement, Selector, out var value, out var missing))
            {
                return EvidenceResult.Missing($"{Path} has nothing at {missing}");
            }

            var problem = Expectation.Check(value);
            return problem is null
                ? EvidenceResult.Pass($"{Selector} {Expectation}")
                : EvidenceResult.Fail($"{Path} {Selector} {problem}");
        }
    }
}
