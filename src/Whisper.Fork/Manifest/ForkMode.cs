using System.Text.Json.Serialization;

namespace Whisper.Fork.Manifest;

/// <summary>How much of the platform a fork takes along.</summary>
public enum ForkMode
{
    /// <summary>Models and embedding snapshots travel with the data (through the same encrypted path).</summary>
    [JsonStringEnumMemberName("partial-divestiture")]
    PartialDivestiture,

    /// <summary>Only permitted raw data travels; the new region retrains its models from scratch.</summary>
    [JsonStringEnumMemberName("full-fork")]
    FullFork,
}
