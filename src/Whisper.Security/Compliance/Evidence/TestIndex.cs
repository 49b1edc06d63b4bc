using System.Text.RegularExpressions;

namespace Whisper.Security.Compliance.Evidence;

/// <summary>
/// The xunit test methods under a <c>tests/</c> folder, found in the C# sources (not the binaries, so it works on a
/// checkout that was never built): each <c>[Fact]</c> or <c>[Theory]</c> attribute, the method declared after it and
/// the class around it. Source-level matching is enough for evidence that a named test exists; it does not run them.
/// </summary>
internal sealed partial class TestIndex
{
    public const string TestsFolder = "tests";

    private readonly Dictionary<string, List<TestMethod>> _byMethod;

    private TestIndex(bool exists, Dictionary<string, List<TestMethod>> byMethod)
    {
        Exists = exists;
        _byMethod = byMethod;
    }

    /// <summary>False when the folder does not exist (a deployment directory rather than a checkout).</summary>
    public bool Exists { get; }

    public int Count => _byMethod.Values.Sum(list => list.Count);

    public static TestIndex Build(string testsFolder)
    {
        var byMethod = new Dictionary<string, List<TestMethod>>(StringComparer.Ordinal);
        if (!Directory.Exists(testsFolder))
        {
            return new TestIndex(false, byMethod);
        }

        var root = Path.GetDirectoryName(Path.GetFullPath(testsFolder).TrimEnd(Path.DirectorySeparatorChar))!;
        foreach (var file in SourceFiles(testsFolder))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            foreach (var test in Read(File.ReadAllText(file), relative))
            {
                if (!byMethod.TryGetValue(test.Method, out var list))
                {
                    byMethod[test.Method] = list = [];
                }

                list.Add(test);
            }
        }

        return new TestIndex(true, byMethod);
    }

    public IReadOnlyList<TestMethod> Find(string method) => _byMethod.TryGetValue(method, out var list) ? list : [];

    /// <summary>The test methods declared in one source file.</summary>
    internal static IEnumerable<TestMethod> Read(string source, string file)
    {
        var classes = ClassDeclaration().Matches(source);
        foreach (Match attribute in TestAttribute().Matches(source))
        {
            var method = MethodDeclaration().Match(source, attribute.Index + attribute.Length);
            if (!method.Success)
            {
                continue;
            }

            var owner = classes.LastOrDefault(c => c.Index < attribute.Index)?.Groups["name"].Value ?? "";
            var skipped = attribute.Groups["args"].Value.Contains("Skip", StringComparison.Ordinal);
            yield return new TestMethod(owner, method.Groups["name"].Value, file, skipped);
        }
    }

    private static IEnumerable<string> SourceFiles(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", options))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder, "*", options))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj" || name.StartsWith('.'))
            {
                continue; // build outputs hold generated sources, not tests
            }

            foreach (var file in SourceFiles(sub))
            {
                yield return file;
            }
        }
    }

    [GeneratedRegex(@"\[\s*(?:Xunit\.)?(?:Fact|Theory)(?:Attribute)?\s*(?<args>\([^\]]*\))?\s*\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"\b(?:void|Task|ValueTask)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MethodDeclaration();

    // A declaration starts its line (after modifiers), so "a record of" in a comment is not a class named "of".
    [GeneratedRegex(@"^[ \t]*(?:(?:public|internal|private|protected|sealed|static|abstract|partial|file|readonly)[ \t]+)*(?:class|record(?:[ \t]+(?:class|struct))?|struct)[ \t]+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant | RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ClassDeclaration();
}
