using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Contract;

/// <summary>
/// What one region promises its models about features: definitions, TTLs, defaults and which model reads which feature.
/// Written by <see cref="FeatureContractFile"/> (docs/feature-contract.md) and compared by <see cref="FeatureContractDiff"/>.
/// </summary>
public sealed record FeatureContract(string Region, DateTimeOffset GeneratedAt, IReadOnlyList<FeatureDefinition> Features, IReadOnlyList<ModelInput> ModelInputs)
{
    /// <summary>The contract format this build writes and the only one it reads.</summary>
    public const int CurrentVersion = 1;

    public const string Format = "whisper-feature-contract";

    public static FeatureContract FromRegistry(string region, FeatureRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        return new FeatureContract(region, time.GetUtcNow(), registry.Features, registry.ModelInputs);
    }
}
