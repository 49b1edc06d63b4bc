using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

using Whisper.Core.Domain;
using Whisper.Fork.Manifest;
using Whisper.Fork.Residency;
using Whisper.Fork.Scope;

namespace Whisper.Fork.Purge;

/// <summary>
/// The residents a purge removes, fixed when the purge starts (<c>residents.json</c> in the purge state directory): a
/// rerun after a crash, and verify-purge after the rows are gone, must judge rows by the same ids, which the store can
/// no longer classify once the residents have left it. Rows are judged as export judged them (<see cref="ResidentSet"/>)
/// with one addition: a follow of a purged creator goes too, since it points at a profile that no longer exists.
/// </summary>
public sealed class PurgeScope : IExportScope
{
    public const string FileName = "residents.json";
    public const string Format = "whisper-purge-residents/1";

    private readonly long[] _users;
    private readonly long[] _creators;

    private PurgeScope(long[] users, long[] creators, RelatedData related, string policySha256)
    {
        _users = users;
        _creators = creators;
        Related = related;
        PolicySha256 = policySha256;
    }

    public RelatedData Related { get; }

    public string PolicySha256 { get; }

    public ReadOnlySpan<long> UserIds => _users;

    public ReadOnlySpan<long> CreatorIds => _creators;

    /// <summary>Everything was known when the scope was fixed: nothing to replay.</summary>
    public long KnownChangePosition => long.MaxValue;

    /// <summary>SHA-256 over the user ids then the creator ids, each int64 little-endian: names the exact resident set in the certificate.</summary>
    public string IdsSha256
    {
        get
        {
            var bytes = new byte[(_users.Length + _creators.Length) * 8];
            for (var i = 0; i < _users.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), _users[i]);
            }

            for (var i = 0; i < _creators.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((_users.Length + i) * 8), _creators[i]);
            }

            return Convert.ToHexStringLower(SHA256.HashData(bytes));
        }
    }

    public static PurgeScope From(ResidentSet residents, string policySha256)
    {
        ArgumentNullException.ThrowIfNull(residents);
        return new PurgeScope(residents.UserIds.ToArray(), residents.CreatorIds.ToArray(), residents.Policy.Related, policySha256);
    }

    /// <summary>A scope from explicit ids (tests and benchmarks); the arrays are sorted here.</summary>
    public static PurgeScope Of(IEnumerable<long> userIds, IEnumerable<long> creatorIds, RelatedData related, string policySha256)
    {
        long[] users = [.. userIds.Distinct().Order()];
        long[] creators = [.. creatorIds.Distinct().Order()];
        return new PurgeScope(users, creators, related, policySha256);
    }

    public bool IncludesUser(long userId) => Array.BinarySearch(_users, userId) >= 0;

    public bool IncludesCreator(long creatorId) => Array.BinarySearch(_creators, creatorId) >= 0;

    public bool Includes(User user) => IncludesUser(user.Id);

    public bool Includes(Creator creator) => IncludesCreator(creator.Id);

    public bool Includes(Video video) => Related.Videos && IncludesCreator(video.CreatorId);

    /// <summary>A resident's follow (when follows travel), and any follow of a purged creator.</summary>
    public bool Includes(Follow follow) => (Related.Follows && IncludesUser(follow.FollowerId)) || IncludesCreator(follow.CreatorId);

    public bool Includes(LiveSession session) => Related.LiveSessions && IncludesCreator(session.CreatorId);

    public bool Includes(Product product) => Related.Products && IncludesCreator(product.CreatorId);

    public bool Includes(Order order) => Related.Orders && IncludesUser(order.UserId);

    public bool Includes(in EngagementEvent engagementEvent) => Related.Events && IncludesUser(engagementEvent.UserId);

    public void Observe(User user)
    {
        // Fixed at the start of the purge: a user who signs up at the origin afterwards is not a migrated resident.
    }

    public void Observe(Creator creator)
    {
    }

    public void Save(string directory) =>
        AtomicFile.Write(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(
            new PurgeScopeFile(Format, PolicySha256, Related, _users, _creators), PurgeJson.Default.PurgeScopeFile));

    /// <summary>Null when the directory holds no scope yet.</summary>
    /// <exception cref="InvalidDataException">The file is not a purge scope this build reads.</exception>
    public static PurgeScope? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        PurgeScopeFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllBytes(path), PurgeJson.Default.PurgeScopeFile);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable purge scope ({e.Message})", e);
        }

        if (file is null || file.Format != Format)
        {
            throw new InvalidDataException($"{path} is not a {Format} file");
        }

        return Of(file.Users, file.Creators, file.Related, file.PolicySha256);
    }
}

/// <summary>The JSON of <c>residents.json</c>.</summary>
public sealed record PurgeScopeFile(string Format, string PolicySha256, RelatedData Related, long[] Users, long[] Creators);
