using System.Security.Cryptography;

using Whisper.Fork.Export;
using Whisper.Fork.Keys;
using Whisper.Fork.Residency;
using Whisper.Fork.Scope;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Fork.Tests.Migration;

/// <summary>
/// A source region with a small generated world, an empty target store, a key directory and the repository's sample
/// US residency policy, all in a temporary folder removed afterwards.
/// </summary>
internal sealed class ForkFixture : IAsyncDisposable
{
    private ForkFixture(string folder, IWhisperStore source, IWhisperStore target, FileKeyProvider keys, ResidencyClassifier classifier, string policySha)
    {
        Folder = folder;
        Source = source;
        Target = target;
        Keys = keys;
        Classifier = classifier;
        PolicySha256 = policySha;
    }

    public string Folder { get; }

    public IWhisperStore Source { get; }

    public IWhisperStore Target { get; private set; }

    public FileKeyProvider Keys { get; }

    public ResidencyClassifier Classifier { get; }

    public string PolicySha256 { get; }

    public string Repository => Path.Combine(Folder, "repo");

    public string TargetPath => Path.Combine(Folder, "target.db");

    public static async Task<ForkFixture> CreateAsync(WorldOptions? world = null)
    {
        var folder = Directory.CreateTempSubdirectory("whisper-fork-test-").FullName;
        var source = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(folder, "source.db")));
        await WorldWriter.WriteAsync(world ?? new WorldOptions { Users = 600, Videos = 800, Days = 3, SessionsPerUserPerDay = 0.6, Seed = 7 }, source, Path.Combine(folder, "truth.wgt"));
        var target = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(folder, "target.db")));
        var keys = FileKeyProvider.Create(Path.Combine(folder, "keys"));
        var policyPath = SamplePolicyPath();
        var classifier = new ResidencyClassifier(ResidencyPolicy.Load(policyPath), SyntheticIpCountryLookup.Instance);
        return new ForkFixture(folder, source, target, keys, classifier, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(policyPath))));
    }

    public static string SamplePolicyPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "policies", "us-residency.json");
        if (File.Exists(path))
        {
            return path;
        }

        throw new FileNotFoundException($"{path} is missing: the test project copies policies/us-residency.json beside its binaries");
    }

    public Task<ResidentSet> ScopeAsync() => ResidentSets.BuildAsync(Source, Classifier);

    public ExportOptions ExportOptions(string? repository = null, int chunkBytes = 16 * 1024) => new()
    {
        Repository = repository ?? Repository,
        TargetRegion = Classifier.Policy.TargetRegion,
        Mode = Classifier.Policy.Mode,
        PolicySha256 = PolicySha256,
        ChunkBytes = chunkBytes,
        Parallelism = 2,
    };

    /// <summary>Closes and deletes the target store and opens a fresh empty one.</summary>
    public async Task ResetTargetAsync()
    {
        await Target.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Folder, "target.db*"))
        {
            File.Delete(file);
        }

        Target = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, TargetPath));
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        await Target.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
