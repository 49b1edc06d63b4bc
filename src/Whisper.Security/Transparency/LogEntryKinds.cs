namespace Whisper.Security.Transparency;

/// <summary>Wire names of <see cref="LogEntryKind"/> (HTTP bodies, CLI options, JSON): lowercase, hyphenated.</summary>
public static class LogEntryKinds
{
    public const string Release = "release";
    public const string Model = "model";
    public const string MigrationManifest = "migration-manifest";
    public const string CutoverStep = "cutover-step";
    public const string Audit = "audit";

    public static IReadOnlyList<string> All { get; } = [Release, Model, MigrationManifest, CutoverStep, Audit];

    public static string ToWireName(this LogEntryKind kind) => kind switch
    {
        LogEntryKind.Release => Release,
        LogEntryKind.Model => Model,
        LogEntryKind.MigrationManifest => MigrationManifest,
        LogEntryKind.CutoverStep => CutoverStep,
        LogEntryKind.Audit => Audit,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a log entry kind."),
    };

    public static bool TryParse(string? name, out LogEntryKind kind)
    {
        kind = name switch
        {
            Release => LogEntryKind.Release,
            Model => LogEntryKind.Model,
            MigrationManifest => LogEntryKind.MigrationManifest,
            CutoverStep => LogEntryKind.CutoverStep,
            Audit => LogEntryKind.Audit,
            _ => 0,
        };
        return kind != 0;
    }

    /// <summary>True for the kinds version 1 of the leaf format defines.</summary>
    public static bool IsDefined(LogEntryKind kind) => kind is >= LogEntryKind.Release and <= LogEntryKind.Audit;
}
