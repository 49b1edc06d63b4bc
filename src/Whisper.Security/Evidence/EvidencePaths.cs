namespace Whisper.Security.Evidence;

/// <summary>
/// Which archive entry names are acceptable: <c>evidence/</c> then segments of <c>A-Z a-z 0-9 . _ -</c> joined by
/// <c>/</c>, none of them <c>.</c> or <c>..</c>. Nothing absolute, no backslash, no drive letter: an entry name can
/// never point outside the folder a careless tool extracts the bundle into.
/// </summary>
public static class EvidencePaths
{
    public static bool IsSafe(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > EvidenceBundleFormat.MaxPathLength
            || !path.StartsWith(EvidenceBundleFormat.ArtefactFolder, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || !segment.All(IsNameChar))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for an entry name that could write outside the extraction folder (checked before anything else).</summary>
    public static bool IsTraversal(string name) =>
        name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
        || name.Split('/').Any(s => s == "..");

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
