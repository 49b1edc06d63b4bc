namespace Whisper.FeatureStore.Definitions;

/// <summary>
/// The type a model sees (wire names int64, float64, bool). Stores hold every value as a <see cref="double"/> (exact for
/// integers up to 2^53, which covers ids and counts), so reads never box; the type constrains defaults and tells the model
/// how to read the value.
/// </summary>
public enum FeatureValueType : byte
{
    /// <summary>"int64": a whole number (counts, ids, milliseconds).</summary>
    Whole = 1,

    /// <summary>"float64": a real number (rates, scores).</summary>
    Real = 2,

    /// <summary>"bool": 0 or 1.</summary>
    Flag = 3,
}
