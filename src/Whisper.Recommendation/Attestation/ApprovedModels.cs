using Whisper.Security.Transparency;

namespace Whisper.Recommendation.Attestation;

/// <summary>
/// The approved model files of a registry, every entry verified against the pinned log key (and the live log when
/// given). Built only when all entries verify: a registry with one tampered entry is refused whole, loudly.
/// </summary>
public sealed class ApprovedModels
{
    private readonly Dictionary<string, ModelRegistryEntry> _bySha256;

    private ApprovedModels(ModelRegistry registry)
    {
        Registry = registry;
        _bySha256 = new Dictionary<string, ModelRegistryEntry>(StringComparer.Ordinal);
        foreach (var entry in registry.Models)
        {
            _bySha256.TryAdd(entry.Sha256, entry);
        }
    }

    public ModelRegistry Registry { get; }

    public int Count => _bySha256.Count;

    /// <summary>Verifies every entry of <paramref name="registry"/>.</summary>
    /// <exception cref="ModelAttestationException">Names every entry that does not verify.</exception>
    public static ApprovedModels Verify(ModelRegistry registry, ReadOnlySpan<byte> publicKey, ITransparencyLog? live = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var problems = new List<string>();
        foreach (var entry in registry.Models)
        {
            if (ModelRegistryVerifier.Problem(entry, publicKey, live) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems.Count == 0
            ? new ApprovedModels(registry)
            : throw new ModelAttestationException($"the model registry does not verify: {string.Join(" ", problems)}");
    }

    /// <summary>Loads <paramref name="registryPath"/> and verifies it (<see cref="Verify"/>).</summary>
    public static ApprovedModels Load(string registryPath, ReadOnlySpan<byte> publicKey, ITransparencyLog? live = null) =>
        Verify(ModelRegistry.Load(registryPath), publicKey, live);

    /// <summary>The approval of <paramref name="sha256"/> (64 hex digits, any case), or null.</summary>
    public ModelRegistryEntry? Find(string sha256) => _bySha256.GetValueOrDefault(sha256.ToLowerInvariant());

    /// <summary>True when some approved file serves under <paramref name="version"/>.</summary>
    public bool HasVersion(string version)
    {
        foreach (var entry in Registry.Models)
        {
            if (entry.Version == version)
            {
                return true;
            }
        }

        return false;
    }
}
