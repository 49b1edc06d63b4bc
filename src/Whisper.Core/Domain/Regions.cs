namespace Whisper.Core.Domain;

/// <summary>
/// Platform regions: a region is a full, isolated copy of the platform. Codes are lower case and stable
/// because they are written into stored rows and manifests.
/// </summary>
public static class Regions
{
    public const string Us = "us";
    public const string Europe = "eu";
    public const string AsiaPacific = "apac";
    public const string LatinAmerica = "latam";
    public const string RestOfWorld = "row";

    public static IReadOnlyList<string> All { get; } = [Us, Europe, AsiaPacific, LatinAmerica, RestOfWorld];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}
