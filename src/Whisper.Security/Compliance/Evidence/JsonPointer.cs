using System.Globalization;
using System.Text.Json;

namespace Whisper.Security.Compliance.Evidence;

/// <summary>RFC 6901 JSON Pointer: <c>""</c> is the whole document, <c>/cidrs/0</c> the first CIDR, <c>~1</c> a '/' and <c>~0</c> a '~' in a name.</summary>
internal static class JsonPointer
{
    /// <summary>True when <paramref name="pointer"/> is well formed: empty, or '/' then tokens where '~' is followed by 0 or 1.</summary>
    public static bool IsValid(string pointer)
    {
        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < pointer.Length; i++)
        {
            if (pointer[i] == '~' && (i + 1 == pointer.Length || pointer[i + 1] is not ('0' or '1')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value at <paramref name="pointer"/>, or false with the first token that does not resolve.</summary>
    public static bool TryResolve(JsonElement document, string pointer, out JsonElement value, out string missing)
    {
        value = document;
        missing = "";
        if (pointer.Length == 0)
        {
            return true;
        }

        var walked = "";
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            walked += "/" + raw;
            var found = value.ValueKind switch
            {
                JsonValueKind.Object => value.TryGetProperty(token, out value),
                JsonValueKind.Array => TryIndex(value, token, out value),
                _ => false,
            };
            if (!found)
            {
                missing = walked;
                return false;
            }
        }

        return true;
    }

    private static bool TryIndex(JsonElement array, string token, out JsonElement item)
    {
        item = default;
        // RFC 6901: an array index is 0 or digits without a leading zero.
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0')
            || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= array.GetArrayLength())
        {
            return false;
        }

        item = array[index];
        return true;
    }
}
