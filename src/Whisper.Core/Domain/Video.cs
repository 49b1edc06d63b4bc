namespace Whisper.Core.Domain;

/// <summary>A short video.</summary>
/// <param name="Id">Positive id.</param>
/// <param name="CreatorId">Who published it.</param>
/// <param name="DurationMs">Length in milliseconds (positive).</param>
/// <param name="CreatedAt">Publication time.</param>
/// <param name="Hashtags">Observable topics, lower case without '#', e.g. "cooking".</param>
/// <param name="Language">BCP 47 primary language subtag, e.g. "en".</param>
/// <param name="OriginRegion">Platform region the video was uploaded to, e.g. "us".</param>
public sealed record Video(
    long Id,
    long CreatorId,
    int DurationMs,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Hashtags,
    string Language,
    string OriginRegion);
