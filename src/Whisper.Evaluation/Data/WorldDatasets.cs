using Whisper.Recommendation.Catalog;
using Whisper.World.Generation;

namespace Whisper.Evaluation.Data;

/// <summary>
/// An evaluation dataset straight from a generated world, without a store: the catalog view and every event of
/// the stream, in log order. For labs and tests on synthetic worlds (a few seconds for 10k users).
/// </summary>
public static class WorldDatasets
{
    public static EvaluationDataset Build(WorldOptions options)
    {
        var generator = new WorldGenerator(options);
        var world = generator.BuildCatalog();
        // Follows stay out: the catalog's follow table is the world's final state and would leak later follows.
        var catalog = CatalogView.FromRows(world.Users, world.Videos, []);
        var builder = new EvaluationDatasetBuilder(catalog);
        foreach (var batch in generator.GenerateEvents())
        {
            foreach (var e in batch.Events)
            {
                builder.Add(e);
            }
        }

        return builder.Build();
    }
}
