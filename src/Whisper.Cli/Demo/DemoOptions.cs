using Whisper.World.Generation;

namespace Whisper.Cli.Demo;

/// <summary>What <c>whisper demo</c> builds and where. <see cref="ExitAfterStart"/> stops after the self-check (CI, tests).</summary>
public sealed record DemoOptions(string DataDirectory, WorldOptions World, string Urls, bool ExitAfterStart)
{
    public string StorePath => Path.Combine(DataDirectory, "whisper.db");

    public string GroundTruthPath => Path.Combine(DataDirectory, "ground-truth.wgt");

    public string KeysPath => Path.Combine(DataDirectory, "api-keys.json");

    /// <summary>The trainer's checkpoints and the saved HNSW index: a second run resumes instead of retraining.</summary>
    public string CheckpointDirectory => Path.Combine(DataDirectory, "model");

    /// <summary>The fork's region keys (master keys and the manifest signing key).</summary>
    public string ForkKeysPath => Path.Combine(DataDirectory, "fork", "keys");

    /// <summary>The export repository of the US fork.</summary>
    public string ForkRepositoryPath => Path.Combine(DataDirectory, "fork", "repo");

    /// <summary>The US fork's own store.</summary>
    public string ForkStorePath => Path.Combine(DataDirectory, "fork", "us.db");

    /// <summary>The US fork's model checkpoints (the carried resident-only checkpoint).</summary>
    public string ForkModelPath => Path.Combine(DataDirectory, "fork", "model");

    /// <summary>The demo key in plain text, readable only by its owner (0600), so the printed curl lines work.</summary>
    public string DemoKeyPath => Path.Combine(DataDirectory, "demo-api-key");

    /// <summary>Where the parity run writes its verdict, report JSON and HTML (served under /v1/parity).</summary>
    public string ParityResultsPath => Path.Combine(DataDirectory, "parity");
}
