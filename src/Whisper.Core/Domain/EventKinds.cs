namespace Whisper.Core.Domain;

/// <summary>Wire names of <see cref="EventKind"/> ("impression", "view", ...), parsed without allocation.</summary>
public static class EventKinds
{
    private static readonly string[] Names = ["", "impression", "view", "like", "share", "comment", "follow", "skip", "purchase"];

    public static IReadOnlyList<string> WireNames { get; } = Names[1..];

    public static string ToWireName(this EventKind kind) =>
        (int)kind is > 0 and < 9 ? Names[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind.");

    public static bool TryParse(ReadOnlySpan<char> name, out EventKind kind)
    {
        for (var i = 1; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                kind = (EventKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>True for kinds that refer to a video (every kind but purchase).</summary>
    public static bool TargetsVideo(this EventKind kind) => kind != EventKind.Purchase;
}
