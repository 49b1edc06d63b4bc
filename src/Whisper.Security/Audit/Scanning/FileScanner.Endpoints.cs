using Whisper.Security.Audit.Detectors;
using Whisper.Security.Audit.Rules;
using Whisper.Security.Audit.Sources;

namespace Whisper.Security.Audit.Scanning;

/// <summary>Endpoints, encoded endpoints and secrets in one literal run.</summary>
internal sealed partial class FileScanner
{
    /// <summary>How far back from an argument a call prefix is looked for (<c>http.NewRequestWithContext(ctx, "POST", </c> fits).</summary>
    private const int CallWindow = 200;

    private void ScanEndpoints(ReadOnlySpan<char> value, ReadOnlySpan<char> name, int nameStart, int runStart, int pieces)
    {
        hits.Clear();
        plan.Endpoints.Find(value, hits);
        if (hits.Count == 0)
        {
            return;
        }

        var versionNames = plan.Rules.Endpoints.VersionNames;
        var call = CallAt(runStart);
        var firstShown = (string?)null;
        foreach (var hit in hits)
        {
            if (hit.Kind == EndpointKind.IPv4 && !name.IsEmpty && versionNames is not null && versionNames.IsMatch(name))
            {
                continue; // "version": "1.2.3.4"
            }

            var shown = FindingText.Shown(value.Slice(hit.Offset, hit.Length), redact: false);
            firstShown ??= shown;
            var detail = pieces > 1 ? $"{hit.Describe()} built from {pieces} literals" : hit.Describe();
            var start = SourceOffset(hit.Offset);
            var end = SourceOffset(hit.End - 1) + 1;
            if (call >= 0)
            {
                Report(call, start, end, shown, shown, name.ToString(), detail);
                continue;
            }

            foreach (var rule in language.EndpointRules)
            {
                if (IsActive(rule))
                {
                    Report(rule, start, end, shown, shown, name.ToString(), detail);
                }
            }
        }

        if (firstShown is not null && call < 0 && nameStart >= 0 && IsIdentifier(name))
        {
            var simple = name[(name.LastIndexOf('.') + 1)..].ToString();
            endpointVariables.TryAdd(simple, (firstShown, nameStart + name.Length - simple.Length));
        }
    }

    /// <summary>The endpoint-call rule whose call prefix ends right before <paramref name="argumentStart"/>, or -1.</summary>
    private int CallAt(int argumentStart)
    {
        if (language.Calls.Count == 0)
        {
            return -1;
        }

        var window = source.Text[Math.Max(0, argumentStart - CallWindow)..argumentStart];
        foreach (var (rule, pattern) in language.Calls)
        {
            if (IsActive(rule) && pattern.Regex is { } regex && regex.IsMatch(window))
            {
                return rule;
            }
        }

        return -1;
    }

    private void ScanBlobs(ReadOnlySpan<char> value)
    {
        foreach (var rule in language.ObfuscatedRules)
        {
            if (!IsActive(rule) || plan.Rules.Rules[rule].Decode is not { } decode)
            {
                continue;
            }

            blobs.Clear();
            BlobDecoder.Find(value, decode, blobs);
            foreach (var blob in blobs)
            {
                if (!plan.Endpoints.Any(blob.Decoded, decodedHits))
                {
                    continue;
                }

                var hit = decodedHits[0];
                var shown = FindingText.Shown(blob.Decoded.AsSpan(hit.Offset, hit.Length), redact: false);
                Report(rule, SourceOffset(blob.Offset), SourceOffset(blob.Offset + blob.Length - 1) + 1, shown, shown, "", blob.Encoding);
            }
        }
    }

    private void ScanSecret(ReadOnlySpan<char> value, ReadOnlySpan<char> name, SourceLiteral single)
    {
        foreach (var rule in language.SecretRules)
        {
            if (!IsActive(rule) || plan.Rules.Rules[rule].Secret is not { } secret || !secret.Names.IsMatch(name))
            {
                continue;
            }

            if (SecretCheck.LooksSecret(value, secret, out var entropy))
            {
                var start = SourceOffset(0);
                var end = SourceOffset(value.Length - 1) + 1;
                var shown = FindingText.Shown(value, plan.Rules.Rules[rule].Redact);
                Report(rule, start, end, string.Concat(name, "=", value), shown, name.ToString(), $"{entropy:0.0} bits of entropy per character");
            }
        }
    }

    private static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '$' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
