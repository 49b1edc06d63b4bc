namespace Whisper.Fork.Residency;

/// <summary>
/// The audience of a travelling creator: the follows of non-resident users stay behind (they are the followers' data),
/// so the creator's audience in the new region is <see cref="ResidentFollowers"/> of <see cref="TotalFollowers"/>.
/// </summary>
/// <param name="CreatorId">The creator.</param>
/// <param name="UserId">The resident user behind the creator.</param>
/// <param name="ResidentFollowers">Followers who travel (residents, and conflicts the policy includes).</param>
/// <param name="TotalFollowers">Every follow row of the creator the builder saw.</param>
public readonly record struct CreatorAudience(long CreatorId, long UserId, int ResidentFollowers, int TotalFollowers)
{
    /// <summary>Followers left behind.</summary>
    public int ForeignFollowers => TotalFollowers - ResidentFollowers;
}
