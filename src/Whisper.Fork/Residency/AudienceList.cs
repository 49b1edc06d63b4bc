using System.Collections;

namespace Whisper.Fork.Residency;

/// <summary>A read-only view of the builder's parallel audience arrays (24 bytes per travelling creator, no objects).</summary>
internal sealed class AudienceList(long[] creators, long[] owners, int[] residentFollowers, int[] totalFollowers) : IReadOnlyList<CreatorAudience>
{
    public int Count => creators.Length;

    public CreatorAudience this[int index] => new(creators[index], owners[index], residentFollowers[index], totalFollowers[index]);

    public IEnumerator<CreatorAudience> GetEnumerator()
    {
        for (var i = 0; i < creators.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
