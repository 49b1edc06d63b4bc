using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Online;

/// <summary>
/// Removes every feature of one entity from an online store (the origin purge, docs/purge.md). Both online stores
/// implement it; it is its own interface so readers of <see cref="IOnlineFeatureStore"/> never see it.
/// </summary>
public interface IOnlineFeatureEraser
{
    /// <summary>True when the store holds anything for the entity, fresh or expired.</summary>
    bool Contains(FeatureEntity entity, long entityId);

    /// <summary>Deletes everything stored for the entity; true when there was something. Repeating it is harmless.</summary>
    bool Remove(FeatureEntity entity, long entityId);
}
