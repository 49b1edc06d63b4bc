namespace Whisper.FeatureStore.Online;

/// <summary>Outcome of reading one feature value.</summary>
public enum FeatureReadStatus : byte
{
    /// <summary>A stored value with age ≤ TTL: served.</summary>
    Fresh = 1,

    /// <summary>Nothing stored: the default is served.</summary>
    Missing = 2,

    /// <summary>A stored value with age &gt; TTL: the default is served instead.</summary>
    Expired = 3,
}
