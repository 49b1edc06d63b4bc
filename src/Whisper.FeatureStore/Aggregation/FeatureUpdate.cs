using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Aggregation;

/// <summary>A feature value that changed because of one event: what the online store receives.</summary>
public readonly record struct FeatureUpdate(int FeatureId, FeatureEntity Entity, long EntityId, double Value, long EventTimeMs);
