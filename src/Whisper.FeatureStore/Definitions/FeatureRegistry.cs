namespace Whisper.FeatureStore.Definitions;

/// <summary>
/// A region's validated feature definitions. Each feature gets a dense id (its index, for allocation-free reads) and a
/// slot within its entity (its column in an entity's row). Ids depend on declaration order and stay inside the process;
/// stores and contracts key features by name.
/// </summary>
public sealed class FeatureRegistry
{
    private readonly FeatureDefinition[] _features;
    private readonly int[] _slots;
    private readonly int[][] _byEntity;
    private readonly Dictionary<string, int> _ids;

    private FeatureRegistry(FeatureDefinition[] features, IReadOnlyList<ModelInput> modelInputs)
    {
        _features = features;
        ModelInputs = modelInputs;
        _slots = new int[features.Length];
        _byEntity = new int[5][];
        _ids = new Dictionary<string, int>(features.Length, StringComparer.Ordinal);
        var lists = new List<int>[5];
        for (var e = 0; e < lists.Length; e++)
        {
            lists[e] = [];
        }

        for (var i = 0; i < features.Length; i++)
        {
            var list = lists[(int)features[i].Entity];
            _slots[i] = list.Count;
            list.Add(i);
            _ids[features[i].Name] = i;
        }

        for (var e = 0; e < lists.Length; e++)
        {
            _byEntity[e] = [.. lists[e]];
        }
    }

    public int Count => _features.Length;

    public IReadOnlyList<FeatureDefinition> Features => _features;

    public IReadOnlyList<ModelInput> ModelInputs { get; }

    public FeatureDefinition this[int featureId] => _features[featureId];

    /// <summary>Validates and builds; throws <see cref="FeatureConfigurationException"/> listing every problem.</summary>
    public static FeatureRegistry Create(IReadOnlyList<FeatureDefinition> features, IReadOnlyList<ModelInput>? modelInputs = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        modelInputs ??= [];
        var problems = FeatureDefinitionRules.Validate(features, modelInputs);
        if (problems.Count > 0)
        {
            throw new FeatureConfigurationException(problems);
        }

        return new FeatureRegistry([.. features], [.. modelInputs]);
    }

    public bool TryGetId(string name, out int featureId) => _ids.TryGetValue(name, out featureId);

    /// <summary>The id of <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming it when undefined.</summary>
    public int IdOf(string name) =>
        _ids.TryGetValue(name, out var id) ? id : throw new KeyNotFoundException($"Feature '{name}' is not defined in this registry.");

    /// <summary>The feature's column within its entity's row (0 .. <see cref="SlotCount"/> − 1).</summary>
    public int SlotOf(int featureId) => _slots[featureId];

    /// <summary>How many features describe <paramref name="entity"/>.</summary>
    public int SlotCount(FeatureEntity entity) => _byEntity[(int)entity].Length;

    /// <summary>Feature ids of <paramref name="entity"/>, in slot order.</summary>
    public ReadOnlySpan<int> FeaturesOf(FeatureEntity entity) => _byEntity[(int)entity];

    /// <summary>The longest TTL among <paramref name="entity"/>'s features (zero when it has none).</summary>
    public TimeSpan MaxTtl(FeatureEntity entity)
    {
        var max = TimeSpan.Zero;
        foreach (var id in _byEntity[(int)entity])
        {
            max = _features[id].Ttl > max ? _features[id].Ttl : max;
        }

        return max;
    }
}
