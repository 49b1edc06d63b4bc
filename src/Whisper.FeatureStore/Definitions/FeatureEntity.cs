namespace Whisper.FeatureStore.Definitions;

/// <summary>What a feature describes; the entity id is that thing's id. Values are written into contracts: never renumber.</summary>
public enum FeatureEntity : byte
{
    /// <summary>A user; id = user id.</summary>
    User = 1,

    /// <summary>A video; id = video id.</summary>
    Video = 2,

    /// <summary>A creator; id = creator id (events reach it through their video's creator).</summary>
    Creator = 3,

    /// <summary>A user's live session; id = user id (one live session per user at a time).</summary>
    Session = 4,
}
