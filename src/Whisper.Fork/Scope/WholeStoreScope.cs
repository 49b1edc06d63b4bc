using Whisper.Core.Domain;

namespace Whisper.Fork.Scope;

/// <summary>Every row travels: a full copy of a region (a backup, or the benchmark's upper bound).</summary>
public sealed class WholeStoreScope : IExportScope
{
    public static WholeStoreScope Instance { get; } = new();

    /// <summary>Takes every row whenever it appeared, so it never needs to replay changes.</summary>
    public long KnownChangePosition => long.MaxValue;

    public bool Includes(User user) => true;

    public bool IncludesUser(long userId) => true;

    public bool Includes(Creator creator) => true;

    public bool Includes(Video video) => true;

    public bool Includes(Follow follow) => true;

    public bool Includes(LiveSession session) => true;

    public bool Includes(Product product) => true;

    public bool Includes(Order order) => true;

    public bool Includes(in EngagementEvent engagementEvent) => true;

    public void Observe(User user)
    {
    }

    public void Observe(Creator creator)
    {
    }
}
