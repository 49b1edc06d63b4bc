namespace Whisper.Parity.Measures;

/// <summary>A creator's reach on each side: distinct users shown one of their videos in a top-10, and impressions there.</summary>
public sealed record CreatorReach(long CreatorId, int SourceReach, int ForkReach, int SourceImpressions, int ForkImpressions)
{
    /// <summary>(fork − source) / source reach; −1: the creator vanished from the fork.</summary>
    public double ReachChange => SourceReach == 0 ? 0 : (double)(ForkReach - SourceReach) / SourceReach;
}
