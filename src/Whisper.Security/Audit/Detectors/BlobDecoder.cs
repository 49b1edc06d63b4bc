using System.Buffers;
using System.Buffers.Text;

using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Detectors;

/// <summary>
/// Finds runs of base64 (standard or URL-safe, padding optional) or hex of at least the configured length and decodes
/// those that turn into printable ASCII text. Runs longer than <see cref="MaxBlobChars"/> are skipped: an endpoint hidden
/// this way is short, and long runs are images and key material (~3 µs per 4 KiB run decoded).
/// </summary>
internal static class BlobDecoder
{
    public const int MaxBlobChars = 4096;

    private static readonly SearchValues<char> Base64Chars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_");

    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789abcdefABCDEF");

    public static void Find(ReadOnlySpan<char> value, DecodeSettings settings, List<EncodedBlob> blobs)
    {
        var minimum = Math.Min(settings.MinBase64Length, settings.MinHexLength);
        if (value.Length < minimum)
        {
            return;
        }

        var i = 0;
        while (i < value.Length)
        {
            var start = value[i..].IndexOfAny(Base64Chars);
            if (start < 0)
            {
                return;
            }

            start += i;
            var length = value[start..].IndexOfAnyExcept(Base64Chars);
            var end = length < 0 ? value.Length : start + length;
            i = end;
            var run = value[start..end];
            if (run.Length < minimum || run.Length > MaxBlobChars)
            {
                continue;
            }

            if (run.Length >= settings.MinHexLength && run.Length % 2 == 0 && !run.ContainsAnyExcept(HexChars) && TryHex(run, out var hexText))
            {
                blobs.Add(new EncodedBlob(start, run.Length, "hex", hexText));
            }
            else if (run.Length >= settings.MinBase64Length && TryBase64(run, out var base64Text))
            {
                blobs.Add(new EncodedBlob(start, run.Length, "base64", base64Text));
            }
        }
    }

    private static bool TryHex(ReadOnlySpan<char> run, out string text)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(run.Length / 2);
        try
        {
            var status = Convert.FromHexString(run, bytes, out _, out var written);
            return ToText(bytes.AsSpan(0, written), status == OperationStatus.Done, out text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static bool TryBase64(ReadOnlySpan<char> run, out string text)
    {
        text = "";
        var trimmed = run.TrimEnd('=');
        if (trimmed.Length % 4 == 1 || trimmed.Contains('=') || (trimmed.ContainsAny('-', '_') && trimmed.ContainsAny('+', '/')))
        {
            return false;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(trimmed.Length));
        try
        {
            // Base64Url's decoder accepts both alphabets' shared letters; map the standard alphabet's '+' and '/' first.
            Span<char> chars = trimmed.Length <= 1024 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
            trimmed.CopyTo(chars);
            chars.Replace('+', '-');
            chars.Replace('/', '_');
            var status = Base64Url.DecodeFromChars(chars, bytes, out _, out var written);
            return status == OperationStatus.Done && ToText(bytes.AsSpan(0, written), true, out text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Printable ASCII (tabs and line breaks allowed), at least 4 characters.</summary>
    private static bool ToText(ReadOnlySpan<byte> bytes, bool complete, out string text)
    {
        text = "";
        if (!complete || bytes.Length < 4)
        {
            return false;
        }

        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
        }

        text = System.Text.Encoding.ASCII.GetString(bytes);
        return true;
    }
}
