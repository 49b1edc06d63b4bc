using Whisper.Core.Domain;

namespace Whisper.World.Generation;

/// <summary>
/// Catalog rows of a world as they stand at its start (orders and in-period follows come with the event batches).
/// Ids are dense: users 1..Users, creators 1..Creators, videos 1..Videos, products and live sessions 1..n.
/// </summary>
public sealed record WorldCatalog(
    IReadOnlyList<User> Users,
    IReadOnlyList<Creator> Creators,
    IReadOnlyList<Video> Videos,
    IReadOnlyList<Follow> Follows,
    IReadOnlyList<LiveSession> LiveSessions,
    IReadOnlyList<Product> Products);
