using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Scanning;

/// <summary>
/// The files under a root that the scanner reads: a known extension, not excluded (folders are pruned as a whole), no
/// symbolic links followed. Paths are relative with '/' separators and sorted, so runs and fingerprints are stable.
/// </summary>
internal static class SourceFiles
{
    public static List<(string Relative, string Full, AuditLanguage Language)> Find(string root, AuditRules rules)
    {
        var files = new List<(string, string, AuditLanguage)>();
        if (File.Exists(root))
        {
            var name = Path.GetFileName(root);
            var language = AuditLanguages.FromPath(name);
            if (language != AuditLanguage.None)
            {
                files.Add((name, Path.GetFullPath(root), language));
            }

            return files;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var directory in Directory.EnumerateDirectories(folder, "*", options))
            {
                if (!rules.IsExcluded(Relative(root, directory)))
                {
                    pending.Push(directory);
                }
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", options))
            {
                var language = AuditLanguages.FromPath(file);
                if (language == AuditLanguage.None)
                {
                    continue;
                }

                var relative = Relative(root, file);
                if (!rules.IsExcluded(relative))
                {
                    files.Add((relative, file, language));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
