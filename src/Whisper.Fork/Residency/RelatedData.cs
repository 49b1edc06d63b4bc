namespace Whisper.Fork.Residency;

/// <summary>
/// Which rows travel with resident users (the policy's "related" object). Ownership decides, never the row's own
/// country: a creator travels when the user behind it is resident, a video / live session / product when its creator
/// travels, a follow / event / order when the acting user travels. Cross-border edges follow the same rule: a resident's
/// follow of a foreign creator travels (the creator does not); a foreign user's follow of a resident creator stays and is
/// counted in the creator's audience (docs/residency-policy.md, "Cross-border edges").
/// </summary>
/// <param name="Creators">Creator profiles owned by resident users.</param>
/// <param name="Videos">Videos of travelling creators (requires <paramref name="Creators"/>).</param>
/// <param name="LiveSessions">Live sessions of travelling creators (requires <paramref name="Creators"/>).</param>
/// <param name="Products">Shop products of travelling creators (requires <paramref name="Creators"/>).</param>
/// <param name="Follows">Follows whose follower is resident, including follows of creators who stay.</param>
/// <param name="Events">Engagement events of resident users, including those on videos that stay.</param>
/// <param name="Orders">Orders of resident users, including orders of products that stay.</param>
public sealed record RelatedData(
    bool Creators,
    bool Videos,
    bool LiveSessions,
    bool Products,
    bool Follows,
    bool Events,
    bool Orders);
