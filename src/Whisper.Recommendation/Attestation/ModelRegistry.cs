using System.Text.Json;

namespace Whisper.Recommendation.Attestation;

/// <summary>
/// The model registry file (docs/model-attestation.md): every approved model file with its hash and log evidence.
/// JSON, written whole to a temporary file and renamed, so a reader sees the old or the new registry, never half of
/// one. Readers refuse another format name or version. Trust comes from <see cref="ModelRegistryVerifier"/>, not from
/// the file: anyone can edit it, and an edited entry no longer verifies.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="FormatVersion">Always <see cref="CurrentVersion"/>.</param>
/// <param name="Models">Approved files in approval order.</param>
public sealed record ModelRegistry(string Format, int FormatVersion, IReadOnlyList<ModelRegistryEntry> Models)
{
    public const string FormatName = "whisper-model-registry";

    public const int CurrentVersion = 1;

    /// <summary>Conventional file name, kept beside the transparency log it refers to.</summary>
    public const string DefaultFileName = "model-registry.json";

    public static ModelRegistry Empty { get; } = new(FormatName, CurrentVersion, []);

    /// <summary>The entry approving <paramref name="sha256"/>, or null.</summary>
    public ModelRegistryEntry? FindBySha256(string sha256)
    {
        foreach (var model in Models)
        {
            if (string.Equals(model.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }
        }

        return null;
    }

    public ModelRegistry With(ModelRegistryEntry entry) => this with { Models = [.. Models, entry] };

    /// <exception cref="ModelAttestationException">Missing, not JSON, another format or version, or a missing field.</exception>
    public static ModelRegistry Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelAttestationException($"no model registry at {path}; approve a model first ('whisper model approve --checkpoint <file> --log <tlog>') or pass --registry.");
        }

        ModelRegistry? registry;
        try
        {
            registry = JsonSerializer.Deserialize(File.ReadAllBytes(path), AttestationJsonContext.Default.ModelRegistry);
        }
        catch (JsonException e)
        {
            throw new ModelAttestationException($"{path} is not a model registry: {e.Message}");
        }

        if (registry is null || registry.Format != FormatName)
        {
            throw new ModelAttestationException($"{path} is not a model registry (format is not '{FormatName}').");
        }

        if (registry.FormatVersion != CurrentVersion)
        {
            throw new ModelAttestationException($"{path} is model registry version {registry.FormatVersion}; this build reads version {CurrentVersion}.");
        }

        if (registry.Models is null)
        {
            throw new ModelAttestationException($"{path} has no 'models' list.");
        }

        return registry;
    }

    /// <summary><see cref="Load"/>, or <see cref="Empty"/> when there is no file yet.</summary>
    public static ModelRegistry LoadOrEmpty(string path) => File.Exists(path) ? Load(path) : Empty;

    /// <summary>Writes the registry atomically (temporary file, flush to disk, rename).</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, AttestationJsonContext.Default.ModelRegistry);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, full, overwrite: true);
    }
}
