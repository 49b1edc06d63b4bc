using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Whisper.Security.Compliance.Probes;

namespace Whisper.Security.Compliance.Catalog;

/// <summary>
/// A controls catalog (format: docs/security/compliance.md): the controls of a baseline, each with how Whisper
/// implements it, checkable evidence and stated gaps. Immutable once read; <see cref="Default"/> is the shipped
/// <c>compliance/fedramp-high.json</c>, embedded in this assembly so <c>whisper compliance</c> works from any folder.
/// </summary>
public sealed partial class ComplianceCatalog
{
    public const string Format = "whisper-compliance-catalog";

    /// <summary>The only catalog version this build reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The embedded copy of <c>compliance/fedramp-high.json</c>.</summary>
    public const string DefaultResourceName = "compliance-fedramp-high.json";

    public const string DefaultSourceName = "compliance/fedramp-high.json (built in)";

    private const int MaxBytes = 4 << 20;

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 };

    private static readonly Lazy<ComplianceCatalog> LazyDefault = new(() =>
    {
        using var stream = typeof(ComplianceCatalog).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"the embedded {DefaultResourceName} is missing from {typeof(ComplianceCatalog).Assembly.GetName().Name}; check the EmbeddedResource item in Whisper.Security.csproj");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), DefaultSourceName, ProbeRegistry.Default);
    });

    private ComplianceCatalog(string source, string sha256, string name, string? description, IReadOnlyList<ControlDefinition> controls)
    {
        Source = source;
        Sha256 = sha256;
        Name = name;
        Description = description;
        Controls = controls;
    }

    /// <summary>The path or name it was read from.</summary>
    public string Source { get; }

    /// <summary>SHA-256 of the catalog's bytes, lower-case hex: which catalog a report was made with.</summary>
    public string Sha256 { get; }

    /// <summary>The baseline it maps to, e.g. "FedRAMP High (NIST SP 800-53 Rev. 5)".</summary>
    public string Name { get; }

    public string? Description { get; }

    /// <summary>The controls, in file order.</summary>
    public IReadOnlyList<ControlDefinition> Controls { get; }

    /// <summary>The shipped catalog, validated against <see cref="ProbeRegistry.Default"/>.</summary>
    public static ComplianceCatalog Default => LazyDefault.Value;

    /// <exception cref="ComplianceCatalogException">The file cannot be read or is not a valid catalog (every problem listed).</exception>
    public static ComplianceCatalog Load(string path, ProbeRegistry? probes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new ComplianceCatalogException($"{path}: the file is {info.Length:N0} bytes; a catalog is at most {MaxBytes:N0}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ComplianceCatalogException($"{path}: the catalog cannot be read ({e.Message.TrimEnd('.')}); check the path and its permissions", e);
        }

        return Parse(bytes, path, probes);
    }

    /// <exception cref="ComplianceCatalogException">Not a valid catalog (every problem listed).</exception>
    public static ComplianceCatalog Parse(string json, string source, ProbeRegistry? probes = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), source, probes);
    }

    private static ComplianceCatalog Parse(byte[] utf8, string source, ProbeRegistry? probes)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ComplianceCatalogException(
                $"{source}:{(e.LineNumber ?? 0) + 1}: not valid JSON at byte {(e.BytePositionInLine ?? 0) + 1} of the line; fix the syntax there", e);
        }

        using (document)
        {
            var reader = new Reader(source, JsonLineMap.Build(utf8), probes ?? ProbeRegistry.Default);
            var (name, description, controls) = reader.Read(document.RootElement);
            return reader.Problems.Count == 0
                ? new ComplianceCatalog(source, Convert.ToHexStringLower(SHA256.HashData(utf8)), name!, description, controls)
                : throw new ComplianceCatalogException(reader.Problems);
        }
    }
}
