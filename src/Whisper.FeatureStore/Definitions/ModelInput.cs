namespace Whisper.FeatureStore.Definitions;

/// <summary>The features one model reads, in the order the model reads them. A feature a model reads is a blocking part of the contract.</summary>
public sealed record ModelInput(string Model, IReadOnlyList<string> Features);
