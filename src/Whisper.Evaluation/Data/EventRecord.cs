using Whisper.Core.Domain;

namespace Whisper.Evaluation.Data;

/// <summary>
/// One logged video event in compact form (24 bytes): dense user and item indexes instead of ids, so the default
/// world's 5.1 M events take ~120 MB. Its position in <see cref="EvaluationDataset.Events"/> is its log order.
/// </summary>
/// <param name="User">Dense user index (see <see cref="EvaluationDataset.UserId"/>).</param>
/// <param name="Item">Dense video index (see <see cref="EvaluationDataset.ItemId"/>).</param>
/// <param name="TimeMs">When it happened, Unix milliseconds.</param>
/// <param name="WatchTimeMs">Watch time of a view or skip; otherwise 0.</param>
/// <param name="Kind">What happened (never <see cref="EventKind.Purchase"/>: purchases are not loaded).</param>
/// <param name="IsPositive">Whether <see cref="RelevanceRule"/> counts it as a positive.</param>
public readonly record struct EventRecord(int User, int Item, long TimeMs, int WatchTimeMs, EventKind Kind, bool IsPositive);
