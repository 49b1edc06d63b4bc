using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Whisper.Security.AuditTrail;

/// <summary>
/// Writes and reads the JSON lines of a trail file. A line is read only when writing its fields back gives the very
/// same bytes, so every edit — a field, its order, a space, an escape — is caught here even before the hash is checked.
/// </summary>
public static class AuditTrailLines
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The header line, '\n' included.</summary>
    public static byte[] Format(AuditTrailHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Write(writer =>
        {
            writer.WriteString("format"u8, AuditTrailHeader.FormatName);
            writer.WriteNumber("version"u8, AuditTrailHeader.Version);
            writer.WriteString("trail"u8, header.TrailId);
            writer.WriteString("created"u8, FormatTime(header.Created));
            writer.WriteString("hash"u8, header.Hash);
        });
    }

    /// <summary>A record line, '\n' included.</summary>
    public static byte[] Format(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Write(writer =>
        {
            writer.WriteNumber("seq"u8, record.Sequence);
            writer.WriteString("time"u8, FormatTime(record.Time));
            writer.WriteString("actor"u8, record.Actor);
            writer.WriteStartArray("roles"u8);
            foreach (var role in record.Roles)
            {
                writer.WriteStringValue(role);
            }

            writer.WriteEndArray();
            writer.WriteString("action"u8, record.Action);
            writer.WriteString("target"u8, record.Target);
            writer.WriteString("outcome"u8, record.Outcome.ToWireName());
            writer.WriteNumber("status"u8, record.Status);
            writer.WriteString("sourceIp"u8, record.SourceIp);
            writer.WriteString("prev"u8, record.PreviousHash);
            writer.WriteString("hash"u8, record.Hash);
        });
    }

    /// <summary>Reads a header line (without its '\n'); false with the reason when it is not one this build writes.</summary>
    public static bool TryParseHeader(ReadOnlySpan<byte> line, out AuditTrailHeader header, out string problem)
    {
        header = null!;
        if (!TryParseObject(line, out var root, out problem))
        {
            return false;
        }

        using (root)
        {
            var element = root.RootElement;
            if (!TryGetString(element, "format", out var format) || format != AuditTrailHeader.FormatName)
            {
                problem = $"the first line is not a {AuditTrailHeader.FormatName} header.";
                return false;
            }

            if (!element.TryGetProperty("version"u8, out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var number) || number != AuditTrailHeader.Version)
            {
                problem = $"the header's version is not {AuditTrailHeader.Version}, the only one this build reads.";
                return false;
            }

            if (!TryGetString(element, "trail", out var trail) || !AuditHash.IsHash(trail, 32)
                || !TryGetString(element, "created", out var createdText) || !TryParseTime(createdText, out var created)
                || !TryGetString(element, "hash", out var hash))
            {
                problem = "the header needs trail (32 hex digits), created (UTC time) and hash.";
                return false;
            }

            header = new AuditTrailHeader(trail, created, hash);
        }

        if (!IsCanonical(line, Format(header)))
        {
            problem = "the header is not in the canonical form the writer uses (edited by hand?).";
            return false;
        }

        if (header.Hash != AuditHash.Header(header.TrailId, header.Created))
        {
            problem = "the header's hash does not match its fields.";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads a record line (without its '\n'): false with the reason when it is malformed or not in canonical form. The
    /// stored hash is returned as read; the caller checks it against <see cref="AuditHash.Record"/> and the chain.
    /// </summary>
    public static bool TryParseRecord(ReadOnlySpan<byte> line, out AuditRecord record, out string problem)
    {
        record = null!;
        if (!TryParseObject(line, out var document, out problem))
        {
            return false;
        }

        using (document)
        {
            var e = document.RootElement;
            if (!e.TryGetProperty("seq"u8, out var seq) || seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out var sequence)
                || !e.TryGetProperty("status"u8, out var statusElement) || statusElement.ValueKind != JsonValueKind.Number || !statusElement.TryGetInt32(out var status)
                || !TryGetString(e, "time", out var timeText) || !TryParseTime(timeText, out var time)
                || !TryGetString(e, "actor", out var actor) || !TryGetString(e, "action", out var action) || !TryGetString(e, "target", out var target)
                || !TryGetString(e, "outcome", out var outcomeText) || !AuditOutcomes.TryParse(outcomeText, out var outcome)
                || !TryGetString(e, "sourceIp", out var sourceIp) || !TryGetString(e, "prev", out var prev) || !TryGetString(e, "hash", out var hash)
                || !TryGetRoles(e, out var roles))
            {
                problem = "a record needs seq, time, actor, roles, action, target, outcome, status, sourceIp, prev and hash of the documented types.";
                return false;
            }

            record = new AuditRecord(sequence, time, actor, roles, action, target, outcome, status, sourceIp, prev, hash);
        }

        var fieldProblem = AuditHash.Problem(record) ?? (AuditHash.IsHash(record.Hash) ? null : "hash must be 64 lowercase hex digits.");
        if (fieldProblem is not null)
        {
            problem = fieldProblem;
            return false;
        }

        if (!IsCanonical(line, Format(record)))
        {
            problem = "the line is not in the canonical form the writer uses (edited by hand?).";
            return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="line"/> is <paramref name="canonical"/> without its final '\n'.</summary>
    private static bool IsCanonical(ReadOnlySpan<byte> line, byte[] canonical) =>
        canonical.Length == line.Length + 1 && line.SequenceEqual(canonical.AsSpan(0, line.Length));

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        var ok = DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc);
        time = ok ? new DateTimeOffset(utc, TimeSpan.Zero) : default;
        return ok;
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool TryParseObject(ReadOnlySpan<byte> line, out JsonDocument document, out string problem)
    {
        document = null!;
        problem = "";
        try
        {
            var reader = new Utf8JsonReader(line);
            document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object && reader.BytesConsumed == line.Length)
            {
                return true;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Reported below: the line is not one JSON object.
        }

        problem = "the line is not one JSON object.";
        return false;
    }

    private static bool TryGetString(JsonElement element, string name, out string value)
    {
        value = "";
        return element.TryGetProperty(name, out var property) && TryReadString(property, out value);
    }

    private static bool TryReadString(JsonElement element, out string value)
    {
        value = "";
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: not text this writer produces.
            return false;
        }
    }

    private static bool TryGetRoles(JsonElement element, out string[] roles)
    {
        roles = [];
        if (!element.TryGetProperty("roles"u8, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (!TryReadString(item, out var role))
            {
                return false;
            }

            list.Add(role);
        }

        roles = [.. list];
        return true;
    }
}
