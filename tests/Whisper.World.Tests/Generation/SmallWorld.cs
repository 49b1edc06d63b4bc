using Whisper.Core.Domain;
using Whisper.World.Generation;

namespace Whisper.World.Tests.Generation;

/// <summary>A small world generated once for the statistical tests (2,000 users, 2,000 videos, 14 days).</summary>
public sealed class SmallWorld
{
    public static readonly WorldOptions Options = new()
    {
        Users = 2_000,
        Videos = 2_000,
        Days = 14,
        SessionsPerUserPerDay = 1.0,
        Seed = 7,
    };

    public SmallWorld()
    {
        Generator = new WorldGenerator(Options);
        Catalog = Generator.BuildCatalog();
        foreach (var batch in Generator.GenerateEvents(1_000))
        {
            Events.AddRange(batch.Events);
            Follows.AddRange(batch.NewFollows);
            Orders.AddRange(batch.NewOrders);
        }
    }

    public WorldGenerator Generator { get; }

    public WorldCatalog Catalog { get; }

    public List<EngagementEvent> Events { get; } = [];

    public List<Follow> Follows { get; } = [];

    public List<Order> Orders { get; } = [];
}
