namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// The probes a catalog may name, by <see cref="IComplianceProbe.Name"/>. <see cref="Default"/> holds Whisper's own;
/// tests build one with probes of their own.
/// </summary>
public sealed class ProbeRegistry
{
    private readonly Dictionary<string, IComplianceProbe> _probes;

    public ProbeRegistry(IEnumerable<IComplianceProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        _probes = new Dictionary<string, IComplianceProbe>(StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            if (!_probes.TryAdd(probe.Name, probe))
            {
                throw new ArgumentException($"Two probes are named '{probe.Name}'.", nameof(probes));
            }
        }
    }

    /// <summary>Whisper's probes (docs/security/compliance.md, "Probes").</summary>
    public static ProbeRegistry Default { get; } = new(
    [
        new EgressDeniesProbe(),
        new NetworkPolicyMatchesProbe(),
        new AuditCleanProbe(),
        new TransparencyLogProbe(),
        new OwnerOnlyFilesProbe(),
        new DetectionLabProbe(),
    ]);

    /// <summary>Every probe name, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _probes.Keys.Order(StringComparer.Ordinal)];

    public IComplianceProbe? Find(string name) => _probes.GetValueOrDefault(name);
}
