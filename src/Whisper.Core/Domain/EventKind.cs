namespace Whisper.Core.Domain;

/// <summary>What a user did to a video (or product). Values are stored on disk: never renumber.</summary>
public enum EventKind : byte
{
    Impression = 1,
    View = 2,
    Like = 3,
    Share = 4,
    Comment = 5,
    Follow = 6,
    Skip = 7,
    Purchase = 8,
}
