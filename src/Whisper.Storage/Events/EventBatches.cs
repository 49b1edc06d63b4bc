using System.Runtime.InteropServices;

using Whisper.Core.Domain;
using Whisper.Core.Validation;

namespace Whisper.Storage.Events;

/// <summary>Checks a whole batch before any of it is written, without copying arrays and lists.</summary>
internal static class EventBatches
{
    /// <exception cref="InvalidEventException">The first event that breaks <see cref="EventRules"/>.</exception>
    public static void Validate(IReadOnlyList<EngagementEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (index, error) = batch switch
        {
            EngagementEvent[] array => EventRules.ValidateBatch(array),
            List<EngagementEvent> list => EventRules.ValidateBatch(CollectionsMarshal.AsSpan(list)),
            _ => ValidateEach(batch),
        };

        if (error is not null)
        {
            throw new InvalidEventException(index, error);
        }
    }

    private static (int Index, string? Error) ValidateEach(IReadOnlyList<EngagementEvent> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (EventRules.Validate(batch[i]) is { } error)
            {
                return (i, error);
            }
        }

        return (-1, null);
    }

    public static AppendResult Result(int batchCount, int appended, long head) =>
        appended == 0
            ? new AppendResult(0, batchCount, 0, 0)
            : new AppendResult(appended, batchCount - appended, head + 1, head + appended);
}
