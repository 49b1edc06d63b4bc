using System.Globalization;
using System.Text.Json;

namespace Whisper.Security.Evidence;

/// <summary>
/// The bundle's manifest (docs/evidence-bundle.md, "Manifest"): what was bundled, when, for which region, by which key.
/// Written compactly with <see cref="Utf8JsonWriter"/> in a fixed field order; the signature covers the bytes as
/// written, so a reader checks the signature before parsing and never re-serialises.
/// </summary>
/// <param name="FormatVersion">Always <see cref="EvidenceBundleFormat.CurrentVersion"/>.</param>
/// <param name="Created">When the bundle was made (UTC, ISO 8601, milliseconds).</param>
/// <param name="Region">The region whose evidence this is.</param>
/// <param name="SignerPublicKeySha256">SHA-256 of the signer's SPKI, lowercase hex: the fingerprint a reviewer pins.</param>
/// <param name="Files">Artefacts in archive order.</param>
public sealed record EvidenceManifest(int FormatVersion, DateTimeOffset Created, string Region, string SignerPublicKeySha256, IReadOnlyList<EvidenceFile> Files)
{
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", EvidenceBundleFormat.FormatName);
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("created", Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("region", Region);
            json.WriteStartObject("signer");
            json.WriteString("algorithm", EvidenceBundleFormat.SignatureAlgorithm);
            json.WriteString("publicKeySha256", SignerPublicKeySha256);
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var file in Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("kind", file.Kind);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses manifest bytes; null and a reason when they are not a manifest this build reads.</summary>
    public static EvidenceManifest? TryDecode(ReadOnlySpan<byte> bytes, out string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            if (Text(root, "format") != EvidenceBundleFormat.FormatName)
            {
                problem = $"the manifest's format is not '{EvidenceBundleFormat.FormatName}'";
                return null;
            }

            var version = root.GetProperty("formatVersion").GetInt32();
            if (version != EvidenceBundleFormat.CurrentVersion)
            {
                problem = $"the manifest is version {version}; this build reads version {EvidenceBundleFormat.CurrentVersion}";
                return null;
            }

            var signer = root.GetProperty("signer");
            if (Text(signer, "algorithm") != EvidenceBundleFormat.SignatureAlgorithm)
            {
                problem = $"the manifest's signature algorithm is not {EvidenceBundleFormat.SignatureAlgorithm}";
                return null;
            }

            var files = new List<EvidenceFile>();
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                files.Add(new EvidenceFile(Text(file, "path"), Text(file, "kind"), file.GetProperty("size").GetInt64(), Text(file, "sha256")));
            }

            var created = DateTimeOffset.Parse(Text(root, "created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            problem = "";
            return new EvidenceManifest(version, created, Text(root, "region"), Text(signer, "publicKeySha256"), files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = $"the manifest is not readable ({e.Message.TrimEnd('.')})";
            return null;
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");
}
