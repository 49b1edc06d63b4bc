using System.CommandLine;
using System.Security.Cryptography;

using Whisper.Core.Geo;
using Whisper.Fork.Keys;
using Whisper.Fork.Residency;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands.Fork;

/// <summary>Options the fork verbs share, and the checked ways to open what they name (bad paths are usage errors).</summary>
public static class ForkOptions
{
    public const string DefaultKeys = ".whisper/fork-keys";
    public const string DefaultPolicy = "policies/us-residency.json";

    public static Option<string> Repository() => new("--repo")
    {
        Description = "Export repository directory: manifest.json, manifest.sig, journals and chunks/.",
        Required = true,
    };

    public static Option<string> Keys() => new("--keys")
    {
        Description = $"Region key directory (master keys and the manifest signing key; default {DefaultKeys}). Create one with 'whisper fork keys create'.",
        DefaultValueFactory = _ => DefaultKeys,
    };

    public static Option<string> Policy() => new("--policy")
    {
        Description = $"Residency policy file (default {DefaultPolicy}; format in docs/residency-policy.md).",
        DefaultValueFactory = _ => DefaultPolicy,
    };

    public static FileKeyProvider OpenKeys(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"no key directory at {directory}; create one with 'whisper fork keys create --keys {directory}'.");
        }

        try
        {
            return FileKeyProvider.Open(directory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or CryptographicException or UnauthorizedAccessException)
        {
            throw new UsageException($"the key directory {directory} cannot be used: {e.Message}");
        }
    }

    /// <summary>The policy, its classifier (sign-up IPs resolved by the synthetic geography that generated worlds use) and the SHA-256 of the file.</summary>
    public static (ResidencyClassifier Classifier, string Sha256) OpenPolicy(string path)
    {
        if (path == DefaultPolicy && !File.Exists(path))
        {
            // Outside the repository the sample policy is found beside the binary.
            path = Path.Combine(AppContext.BaseDirectory, DefaultPolicy);
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"no residency policy at {path}; pass --policy (a sample is policies/us-residency.json).");
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            var policy = ResidencyPolicy.Load(path);
            IIpCountryLookup geo = SyntheticIpCountryLookup.Instance;
            return (new ResidencyClassifier(policy, geo), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (ResidencyPolicyException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static async Task<IWhisperStore> OpenStoreAsync(StoreSelection selection, ParseResult parse, CancellationToken ct)
    {
        var options = selection.Resolve(parse);
        if (options.Provider == StoreProvider.Sqlite && !options.ConnectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
            && !File.Exists(options.ConnectionString) && selection.Store.Name == "--source")
        {
            throw new UsageException($"the source store {options.ConnectionString} does not exist; pass the store the platform runs on.");
        }

        return await WhisperStores.OpenAsync(options, ct).ConfigureAwait(false);
    }
}
