namespace Whisper.FeatureStore.Contract;

/// <summary>How much a contract difference matters. Blocking ones fail <c>whisper features diff</c> (exit 1).</summary>
public enum DifferenceSeverity : byte
{
    /// <summary>Worth knowing; cannot change what a model sees (owner, description, region name).</summary>
    Info = 1,

    /// <summary>Suspicious but no model reads it (a feature only one side defines that no model reads).</summary>
    Warning = 2,

    /// <summary>A model would see different values: the fork will silently degrade. Fix before cutover.</summary>
    Blocking = 3,
}

/// <summary>What differs between two contracts. Wire names (<see cref="ContractDifference.KindName"/>) are snake_case.</summary>
public enum DifferenceKind : byte
{
    MissingFeature = 1,
    EntityDiffers = 2,
    TypeDiffers = 3,
    SourceDiffers = 4,
    WindowDiffers = 5,
    TtlDiffers = 6,
    DefaultDiffers = 7,
    OwnerDiffers = 8,
    DescriptionDiffers = 9,
    MissingModel = 10,
    ModelInputsDiffer = 11,
    RegionDiffers = 12,
}

/// <summary>One mismatch between contract A and contract B; <see cref="A"/> and <see cref="B"/> are each side's value as text ("(absent)" when missing).</summary>
public sealed record ContractDifference(DifferenceSeverity Severity, DifferenceKind Kind, string Subject, string A, string B)
{
    public string SeverityName => Severity.ToString().ToLowerInvariant();

    public string KindName => Kind switch
    {
        DifferenceKind.MissingFeature => "missing_feature",
        DifferenceKind.EntityDiffers => "entity_differs",
        DifferenceKind.TypeDiffers => "type_differs",
        DifferenceKind.SourceDiffers => "source_differs",
        DifferenceKind.WindowDiffers => "window_differs",
        DifferenceKind.TtlDiffers => "ttl_differs",
        DifferenceKind.DefaultDiffers => "default_differs",
        DifferenceKind.OwnerDiffers => "owner_differs",
        DifferenceKind.DescriptionDiffers => "description_differs",
        DifferenceKind.MissingModel => "missing_model",
        DifferenceKind.ModelInputsDiffer => "model_inputs_differ",
        DifferenceKind.RegionDiffers => "region_differs",
        _ => Kind.ToString(),
    };

    public override string ToString() => $"{SeverityName,-8}  {KindName,-20}  {Subject}  A: {A}  B: {B}";
}
