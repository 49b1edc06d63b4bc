using System.Runtime.InteropServices;

namespace Whisper.Fork.Residency;

/// <summary>
/// Every conflicted user in a compact form: id, the four packed signal codes and the billing codes of their orders
/// (8 + 8 + 4 + 2 per order bytes), enough to rebuild the full <see cref="ResidencyDecision"/> on demand. At a 5%
/// conflict rate over 170 M users that is ~170 MB, where decision objects with evidence lists would be ~4 GB.
/// </summary>
internal sealed class ConflictLog
{
    private readonly List<long> _ids = [];
    private readonly List<ulong> _codes = [];
    private readonly List<int> _billingStart = [0];
    private readonly List<ushort> _billing = [];

    public int Count => _ids.Count;

    public void Add(long userId, in SignalCodes codes, ReadOnlySpan<ushort> billing)
    {
        _ids.Add(userId);
        _codes.Add(codes.Pack());
        _billing.AddRange(billing);
        _billingStart.Add(_billing.Count);
    }

    /// <summary>Rebuilds each conflict's decision, in the order the users were added.</summary>
    public IEnumerable<ResidencyDecision> Decisions(ResidencyClassifier classifier)
    {
        for (var i = 0; i < _ids.Count; i++)
        {
            var start = _billingStart[i];
            yield return classifier.Explain(_ids[i], SignalCodes.Unpack(_codes[i]),
                CollectionsMarshal.AsSpan(_billing).Slice(start, _billingStart[i + 1] - start));
        }
    }
}
