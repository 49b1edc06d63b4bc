using Whisper.Core.Domain;

namespace Whisper.World.Generation;

/// <summary>
/// One batch of the event stream, in log order. <see cref="Events"/> is a view over a buffer the generator reuses:
/// it is valid only until the enumerator moves on, so copy what you keep. <see cref="NewFollows"/> and
/// <see cref="NewOrders"/> are the catalog rows created by this batch's follow and purchase events (fresh lists).
/// </summary>
/// <param name="FirstIndex">0-based index of the batch's first event in the whole stream (the id input of <see cref="WorldEventIds"/>).</param>
/// <param name="Events">The events.</param>
/// <param name="NewFollows">Follows made by this batch's follow events.</param>
/// <param name="NewOrders">Orders placed by this batch's purchase events.</param>
/// <param name="DaysCompleted">Simulated days fully emitted once this batch is consumed (for progress estimates).</param>
public readonly record struct WorldEventBatch(
    long FirstIndex,
    ArraySegment<EngagementEvent> Events,
    IReadOnlyList<Follow> NewFollows,
    IReadOnlyList<Order> NewOrders,
    int DaysCompleted);
