namespace Whisper.Security.Compliance;

/// <summary>The rule for paths in a catalog: relative to the root, '/'-separated, never leaving it.</summary>
internal static class CatalogPaths
{
    public static bool IsRelativeInside(string path) =>
        path.Length > 0
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.StartsWith('/')
        && !Path.IsPathRooted(path)
        && !path.Split('/').Any(part => part is "" or "." or "..");
}
