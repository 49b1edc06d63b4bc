using System.Text.Json.Serialization;

namespace Whisper.Fork.Records;

/// <summary>What a chunk holds. Values are written into chunks and manifests: never renumber.</summary>
public enum ForkTable : byte
{
    Users = 1,
    Creators = 2,
    Videos = 3,
    Follows = 4,
    [JsonStringEnumMemberName("live_sessions")]
    LiveSessions = 5,
    Products = 6,
    Orders = 7,
    Events = 8,

    /// <summary>Opaque slices of a model or embedding snapshot file (partial-divestiture mode).</summary>
    Model = 9,
}

/// <summary>Stable names of <see cref="ForkTable"/> values, as they appear in manifests and reports.</summary>
public static class ForkTables
{
    /// <summary>Record tables in export order: parents before the rows that point at them, events last.</summary>
    public static IReadOnlyList<ForkTable> RecordTables { get; } =
    [
        ForkTable.Users, ForkTable.Creators, ForkTable.Videos, ForkTable.Follows,
        ForkTable.LiveSessions, ForkTable.Products, ForkTable.Orders, ForkTable.Events,
    ];

    public static string NameOf(ForkTable table) => table switch
    {
        ForkTable.Users => "users",
        ForkTable.Creators => "creators",
        ForkTable.Videos => "videos",
        ForkTable.Follows => "follows",
        ForkTable.LiveSessions => "live_sessions",
        ForkTable.Products => "products",
        ForkTable.Orders => "orders",
        ForkTable.Events => "events",
        ForkTable.Model => "model",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "unknown fork table"),
    };

    public static bool TryParse(string name, out ForkTable table)
    {
        foreach (var candidate in Enum.GetValues<ForkTable>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                table = candidate;
                return true;
            }
        }

        table = default;
        return false;
    }
}
