namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// The manipulation audit's result (docs/manipulation-audit.md, "Report"): what was replayed against which approved
/// model, per-dimension statistics, and every finding with its evidence. No findings = <see cref="Passed"/>.
/// </summary>
/// <param name="Format">Report format version, <see cref="CurrentFormat"/>.</param>
/// <param name="ModelVersion">Version of the checkpoint replayed.</param>
/// <param name="ModelSha256">Its SHA-256.</param>
/// <param name="Responses">Responses in the log.</param>
/// <param name="Replayed">Responses replayed and compared.</param>
/// <param name="SkippedColdStart">Cold-start responses (the model has no vector for the user, so it ranks nothing).</param>
/// <param name="FromOtherModels">Responses whose logged model hash is not this checkpoint's (still replayed; see the doc).</param>
/// <param name="ServedSlots">Items served in the replayed responses.</param>
/// <param name="ExpectedSlots">Items the approved model and declared rules would have served.</param>
/// <param name="Thresholds">What made a difference a finding.</param>
/// <param name="Dimensions">Per dimension: entities seen, tested, and the per-test significance level.</param>
/// <param name="Findings">Hidden boosts and suppressions, strongest first.</param>
public sealed record ManipulationReport(
    int Format,
    string ModelVersion,
    string ModelSha256,
    int Responses,
    int Replayed,
    int SkippedColdStart,
    int FromOtherModels,
    long ServedSlots,
    long ExpectedSlots,
    ManipulationThresholds Thresholds,
    IReadOnlyList<DimensionSummary> Dimensions,
    IReadOnlyList<ManipulationFinding> Findings)
{
    public const int CurrentFormat = 1;

    public bool Passed => Findings.Count == 0;
}

/// <param name="Dimension"><c>item</c>, <c>creator</c> or <c>topic</c>.</param>
/// <param name="Entities">Entities served or expected at least once.</param>
/// <param name="Tested">Entities with enough support to be tested.</param>
/// <param name="ServedShare">Null-hypothesis probability that a slot of an entity is a served one: served / (served + expected) over the dimension.</param>
/// <param name="PerTestAlpha">Significance each test must reach: family alpha / tested.</param>
public sealed record DimensionSummary(string Dimension, int Entities, int Tested, double ServedShare, double PerTestAlpha);

/// <summary>One entity whose exposure the approved model and the declared rules do not explain.</summary>
/// <param name="Kind"><c>boost</c> (served far more than expected) or <c>suppression</c> (far less).</param>
/// <param name="Dimension"><c>item</c>, <c>creator</c> or <c>topic</c>.</param>
/// <param name="Id">Video id, creator id, or topic key (<see cref="Catalog.TopicKey"/> of the main hashtag).</param>
/// <param name="Served">Slots it was served in.</param>
/// <param name="Expected">Slots the replay gave it.</param>
/// <param name="Ratio">(served + 1) / (expected + 1).</param>
/// <param name="PValue">Binomial tail probability of a difference at least this large under the null.</param>
/// <param name="ExampleRequestIds">Requests where it was served but not expected (boost) or expected but not served (suppression).</param>
/// <param name="ExampleVideoIds">Videos involved (for creators and topics).</param>
public sealed record ManipulationFinding(
    string Kind, string Dimension, long Id, long Served, long Expected, double Ratio, double PValue, IReadOnlyList<string> ExampleRequestIds, IReadOnlyList<long> ExampleVideoIds);
