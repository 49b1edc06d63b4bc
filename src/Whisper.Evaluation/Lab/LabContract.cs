using Whisper.FeatureStore.Definitions;

namespace Whisper.Evaluation.Lab;

/// <summary>
/// A lab region's feature contract: <see cref="DefaultFeatures"/> plus two table features whose TTL bounds how long
/// after a row's last training event an embedding row may be served. A TTL mismatch is a contract whose user and video
/// TTLs are shorter than the source's.
/// </summary>
public static class LabContract
{
    public const string UserEmbeddingRow = "user_embedding_row";
    public const string VideoEmbeddingRow = "video_embedding_row";

    /// <summary>The source's contract (embedding rows live <paramref name="embeddingTtl"/>).</summary>
    public static FeatureRegistry Source(TimeSpan embeddingTtl) => Build(null, embeddingTtl);

    /// <summary>
    /// A contract whose user and video feature TTLs longer than <paramref name="featureTtl"/> are cut to it, and whose
    /// embedding rows live <paramref name="embeddingTtl"/>.
    /// </summary>
    public static FeatureRegistry Shortened(TimeSpan featureTtl, TimeSpan embeddingTtl) => Build(featureTtl, embeddingTtl);

    /// <summary>The lab's source (<paramref name="fork"/> false) or fork (true) contract under <paramref name="options"/>.</summary>
    public static FeatureRegistry For(ForkLabOptions options, bool fork)
    {
        ArgumentNullException.ThrowIfNull(options);
        return fork ? Shortened(options.ForkFeatureTtl, options.ForkEmbeddingTtl) : Source(options.EmbeddingTtl);
    }

    private static FeatureRegistry Build(TimeSpan? featureTtl, TimeSpan embeddingTtl)
    {
        var definitions = new List<FeatureDefinition>();
        foreach (var d in DefaultFeatures.Definitions)
        {
            definitions.Add(featureTtl is { } cut && d.Entity is FeatureEntity.User or FeatureEntity.Video && d.Ttl > cut ? d with { Ttl = cut } : d);
        }

        definitions.Add(new FeatureDefinition(UserEmbeddingRow, FeatureEntity.User, FeatureValueType.Whole, FeatureSource.FromTable("embeddings"), null, embeddingTtl, 0, "training")
        {
            Description = "A user's embedding row, served until this long after the user's last training event.",
        });
        definitions.Add(new FeatureDefinition(VideoEmbeddingRow, FeatureEntity.Video, FeatureValueType.Whole, FeatureSource.FromTable("embeddings"), null, embeddingTtl, 0, "training")
        {
            Description = "A video's embedding row, served until this long after the video's last training event.",
        });
        return FeatureRegistry.Create(definitions, [.. DefaultFeatures.ModelInputs, new ModelInput("two-tower", [UserEmbeddingRow, VideoEmbeddingRow])]);
    }
}
