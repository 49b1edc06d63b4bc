namespace Whisper.Security.Audit.Corpus;

/// <summary>
/// The seeded corpus: a small tree with every rule planted in every language it applies to (C#, JavaScript, TypeScript,
/// Java, Kotlin, Go, Python, JSON, YAML, XML and a .NET assembly), next to clean look-alikes that must not be reported:
/// allowlisted and reserved hosts, endpoints in comments and docstrings, version strings in version fields, package and
/// namespace names, imports, base64 and hex that decode to non-endpoints, AWS's documentation key, public keys,
/// placeholders, validating TLS callbacks, static loads, and fake credentials under <c>testdata/</c> (a fixture folder the
/// secret rules exclude). Scored with the sample allowlist <c>allowlists/us.json</c> (<see cref="SampleAllowlist"/>).
/// </summary>
public sealed partial class AuditCorpus
{
    /// <summary>The same content as <c>allowlists/us.json</c>, so the corpus scores without the repository.</summary>
    public const string SampleAllowlist = """
        {
          "version": 1,
          "region": "us",
          "dns": ["*.us.whisper.example", "whisper.example", "*.svc.cluster.local"],
          "cidrs": ["10.0.0.0/8", "127.0.0.0/8", "::1/128"]
        }
        """;

    private AuditCorpus(string root, IReadOnlyList<PlantedFinding> planted, IReadOnlyList<CleanLookalike> clean)
    {
        Root = root;
        Planted = planted;
        Clean = clean;
    }

    public string Root { get; }

    public IReadOnlyList<PlantedFinding> Planted { get; }

    public IReadOnlyList<CleanLookalike> Clean { get; }

    /// <summary>Writes the corpus under <paramref name="root"/> (created if missing) and returns what it planted.</summary>
    public static AuditCorpus Write(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Directory.CreateDirectory(root);
        var files = new[]
        {
            CSharp(), JavaScript(), TypeScript(), Java(), Kotlin(), Go(), Python(), Json(), Yaml(), Xml(), Fixture(),
        };
        var planted = new List<PlantedFinding>();
        var clean = new List<CleanLookalike>();
        foreach (var file in files)
        {
            var full = Path.Combine(root, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, file.Text);
            planted.AddRange(file.Planted);
            clean.AddRange(file.Clean);
        }

        var (assemblyPlanted, assemblyClean) = CorpusAssembly.Write(root);
        planted.AddRange(assemblyPlanted);
        clean.AddRange(assemblyClean);
        return new AuditCorpus(root, planted, clean);
    }

    /// <summary>
    /// Recall over the planted findings, and false positives: every reported finding that matches no planted one, plus
    /// every finding beyond the first that matches the same planted one (a planted finding is reported once).
    /// </summary>
    public CorpusScore Score(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var missed = new List<PlantedFinding>();
        var matched = new HashSet<AuditFinding>(ReferenceEqualityComparer.Instance);
        foreach (var planted in Planted)
        {
            var first = report.Findings.FirstOrDefault(f => planted.Matches(f) && !matched.Contains(f));
            if (first is null)
            {
                missed.Add(planted);
            }
            else
            {
                matched.Add(first);
            }
        }

        var unexpected = report.Findings.Where(f => !matched.Contains(f)).ToList();
        var onLookalikes = unexpected.Count(f => Clean.Any(c => c.Path == f.Path && (c.Method is null ? c.Line == f.Line : c.Method == f.LogicalLocation)));
        var rules = Planted.Select(p => p.RuleId).Distinct(StringComparer.Ordinal).Count();
        var languages = Planted.Select(p => AuditLanguages.FromPath(p.Path)).Distinct().Count();
        return new CorpusScore(Planted.Count, Planted.Count - missed.Count, unexpected.Count, Clean.Count, onLookalikes, rules, languages, missed, unexpected);
    }
}
