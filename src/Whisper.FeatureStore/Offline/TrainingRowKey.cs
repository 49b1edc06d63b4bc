namespace Whisper.FeatureStore.Offline;

/// <summary>
/// One training row to fill: the time the model would have scored it (Unix ms) and the entity ids it is about.
/// Session features use <see cref="UserId"/>. Ids of 0 mean "none" (that entity's features get defaults).
/// </summary>
public readonly record struct TrainingRowKey(long AtMs, long UserId, long VideoId, long CreatorId);
