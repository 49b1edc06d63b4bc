using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Whisper.World.Generation;

/// <summary>The ground-truth file (see docs/world.md, "Ground-truth file"): magic, version, options JSON, counts, arrays, SHA-256.</summary>
public sealed partial class GroundTruth
{
    /// <summary>Current (and only) format version. Readers refuse any other.</summary>
    public const uint FormatVersion = 1;

    /// <summary>The 8 ASCII bytes every ground-truth file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "WHSPRGT\n"u8;

    private const int HashLength = 32;

    /// <summary>Writes the file atomically (temp file + rename), so a crash never leaves a half-written truth behind.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = ToBytes();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The file's bytes.</summary>
    public byte[] ToBytes()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Options, WorldJsonContext.Default.WorldOptions);
        using var stream = new MemoryStream();
        Span<byte> scratch = stackalloc byte[8];
        stream.Write(Magic);
        WriteUInt32(stream, FormatVersion, scratch);
        WriteUInt32(stream, (uint)json.Length, scratch);
        stream.Write(json);
        foreach (var count in (ReadOnlySpan<int>)[Users, Videos, Creators, Topics, Dimensions, Days, _trends.Length, 0])
        {
            WriteUInt32(stream, (uint)count, scratch);
        }

        WriteFloats(stream, _topicVectors);
        WriteFloats(stream, _userTastes);
        WriteFloats(stream, _userActivity);
        WriteFloats(stream, _videoVectors);
        foreach (var id in _videoTopicIds)
        {
            BinaryPrimitives.WriteInt16LittleEndian(scratch, id);
            stream.Write(scratch[..2]);
        }

        WriteFloats(stream, _videoTopicWeights);
        foreach (var c in _videoCreators)
        {
            WriteUInt32(stream, (uint)c, scratch);
        }

        WriteFloats(stream, _creatorPopularity);
        foreach (var trend in _trends)
        {
            WriteUInt32(stream, (uint)trend.Topic, scratch);
            WriteFloats(stream, [trend.PeakDay, trend.WidthDays, trend.Amplitude]);
        }

        WriteFloats(stream, _trendLevels);
        var hash = SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length));
        stream.Write(hash);
        return stream.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Save"/>; throws <see cref="GroundTruthFormatException"/> on anything else.</summary>
    public static GroundTruth Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromBytes(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the file's bytes; <paramref name="source"/> names them in errors.</summary>
    public static GroundTruth FromBytes(ReadOnlySpan<byte> bytes, string source = "ground truth")
    {
        var reader = new Reader(bytes, source);
        if (bytes.Length < Magic.Length || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new GroundTruthFormatException(source, 0, "this is not a Whisper ground-truth file (the first 8 bytes are not \"WHSPRGT\\n\").");
        }

        reader.Skip(Magic.Length, "magic");
        var version = reader.UInt32("version");
        if (version != FormatVersion)
        {
            throw new GroundTruthFormatException(source, 8,
                $"format version {version} is not supported; this build reads version {FormatVersion}. Regenerate the world or use a matching build.");
        }

        var jsonLength = reader.Int32("options length", max: 1 << 20);
        var json = reader.Bytes(jsonLength, "options JSON");
        if (bytes.Length < HashLength + reader.Offset)
        {
            throw reader.Truncated(HashLength, "SHA-256 trailer");
        }

        var expected = bytes[^HashLength..];
        Span<byte> actual = stackalloc byte[HashLength];
        SHA256.HashData(bytes[..^HashLength], actual);
        if (!actual.SequenceEqual(expected))
        {
            throw new GroundTruthFormatException(source, bytes.Length - HashLength,
                "checksum mismatch: the file is truncated or corrupt. Regenerate it with `whisper world generate`.");
        }

        var body = new Reader(bytes[..^HashLength], source) { Offset = reader.Offset };
        WorldOptions options;
        try
        {
            options = JsonSerializer.Deserialize(json, WorldJsonContext.Default.WorldOptions)
                ?? throw new GroundTruthFormatException(source, 16, "options JSON is null.");
        }
        catch (JsonException e)
        {
            throw new GroundTruthFormatException(source, 16, $"options JSON is invalid: {e.Message}");
        }

        var users = body.Int32("user count", 10_000_000);
        var videos = body.Int32("video count", 50_000_000);
        var creators = body.Int32("creator count", 10_000_000);
        var topics = body.Int32("topic count", 1_000);
        var dims = body.Int32("dimension count", 256);
        var days = body.Int32("day count", 3_650);
        var trendCount = body.Int32("trend count", 1_000);
        body.Int32("reserved", 0);
        if (topics != options.Topics || dims != options.LatentDimensions || days != options.Days)
        {
            throw new GroundTruthFormatException(source, body.Offset, "counts disagree with the options JSON.");
        }

        var topicVectors = body.Floats(topics * dims, "topic vectors");
        var tastes = body.Floats((long)users * dims, "user tastes");
        var activity = body.Floats(users, "user activity");
        var videoVectors = body.Floats((long)videos * dims, "video vectors");
        var topicIds = new short[(long)videos * MaxTopicsPerVideo];
        var raw = body.Bytes(topicIds.Length * 2, "video topic ids");
        for (var i = 0; i < topicIds.Length; i++)
        {
            topicIds[i] = BinaryPrimitives.ReadInt16LittleEndian(raw[(i * 2)..]);
            if (topicIds[i] < -1 || topicIds[i] >= topics)
            {
                throw new GroundTruthFormatException(source, body.Offset, $"video topic id {topicIds[i]} is outside -1..{topics - 1}.");
            }
        }

        var topicWeights = body.Floats(topicIds.Length, "video topic weights");
        var videoCreators = new int[videos];
        for (var i = 0; i < videos; i++)
        {
            videoCreators[i] = body.Int32("video creator", creators - 1);
        }

        var popularity = body.Floats(creators, "creator popularity");
        var trends = new TrendCurve[trendCount];
        for (var i = 0; i < trendCount; i++)
        {
            var topic = body.Int32("trend topic", topics - 1);
            var f = body.Floats(3, "trend curve");
            trends[i] = new TrendCurve(topic, f[0], f[1], f[2]);
        }

        var levels = body.Floats((long)days * topics, "trend levels");
        if (body.Offset != bytes.Length - HashLength)
        {
            throw new GroundTruthFormatException(source, body.Offset, $"{bytes.Length - HashLength - body.Offset} unexpected bytes before the trailer.");
        }

        return new GroundTruth(options, users, videos, creators, topicVectors, tastes, activity, videoVectors,
            topicIds, topicWeights, videoCreators, popularity, trends, levels);
    }

    private static void WriteUInt32(Stream stream, uint value, Span<byte> scratch)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, value);
        stream.Write(scratch[..4]);
    }

    private static void WriteFloats(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> scratch = stackalloc byte[4];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(scratch, v);
            stream.Write(scratch);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes, string source)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Offset { get; set; }

        public void Skip(int count, string what) => Bytes(count, what);

        public ReadOnlySpan<byte> Bytes(long count, string what)
        {
            if (count < 0 || Offset + count > _bytes.Length)
            {
                throw Truncated(count, what);
            }

            var slice = _bytes.Slice(Offset, (int)count);
            Offset += (int)count;
            return slice;
        }

        public uint UInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4, what));

        public int Int32(string what, int max)
        {
            var at = Offset;
            var value = BinaryPrimitives.ReadInt32LittleEndian(Bytes(4, what));
            if (value < 0 || value > max)
            {
                throw new GroundTruthFormatException(source, at, $"{what} is {value}; expected 0..{max}.");
            }

            return value;
        }

        public float[] Floats(long count, string what)
        {
            var raw = Bytes(count * 4, what);
            var result = new float[count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
            }

            return result;
        }

        public readonly GroundTruthFormatException Truncated(long needed, string what) =>
            new(source, Offset, $"file is truncated: {what} needs {needed} bytes at offset {Offset} but only {_bytes.Length - Offset} remain.");
    }
}
