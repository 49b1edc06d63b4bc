namespace Whisper.Recommendation.Embeddings;

/// <summary>Outcome of <see cref="EmbeddingTable.Touch"/> — an expected outcome, so a status rather than an exception.</summary>
public enum AdmissionStatus : byte
{
    /// <summary>The id already had a row.</summary>
    Present = 1,

    /// <summary>This sighting reached <see cref="EmbeddingTableOptions.AdmitAfter"/>: a row was created.</summary>
    Admitted = 2,

    /// <summary>Sighting counted; the id needs more before it gets a row.</summary>
    Pending = 3,

    /// <summary>The id qualified but the table is at <see cref="EmbeddingTableOptions.MaxRows"/> with nothing expired.</summary>
    RefusedFull = 4,
}
