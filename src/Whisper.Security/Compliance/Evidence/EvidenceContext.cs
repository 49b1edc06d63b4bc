using Whisper.Security.Compliance.Probes;

namespace Whisper.Security.Compliance.Evidence;

/// <summary>What checking evidence needs: the root the catalog's relative paths start from, the deployment inputs and
/// the probes. The index of test methods is built on first use and shared by every <c>test</c> item.</summary>
public sealed class EvidenceContext
{
    private readonly Lazy<TestIndex> _tests;

    public EvidenceContext(string root, ComplianceInputs inputs, ProbeRegistry probes, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(probes);
        Root = Path.GetFullPath(root);
        Inputs = inputs;
        Probes = probes;
        Time = time ?? TimeProvider.System;
        _tests = new Lazy<TestIndex>(() => TestIndex.Build(Path.Combine(Root, TestIndex.TestsFolder)));
    }

    /// <summary>Full path of the root directory.</summary>
    public string Root { get; }

    public ComplianceInputs Inputs { get; }

    public ProbeRegistry Probes { get; }

    public TimeProvider Time { get; }

    internal TestIndex Tests => _tests.Value;

    /// <summary>The full path of a catalog path (relative, '/'-separated, checked at load never to leave the root).</summary>
    public string Resolve(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
}
