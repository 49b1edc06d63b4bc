using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

using Whisper.Core.Geo;

namespace Whisper.Cutover.Geo;

/// <summary>
/// Reads one ip-location-db range file (<c>first,last,CC</c> per line, inclusive, no header; gzip when the name ends
/// in <c>.gz</c>) into a <see cref="RangeTable{T}"/>, refusing the whole file at its first bad row with
/// <c>file:line: problem</c>: a bad address or one of the other family, last before first, a country that is not two
/// upper-case letters, or a row that starts before the previous one (unsorted). Overlapping rows are the published
/// data's normal shape — about 6,800 IPv4 rows nest in or run past an earlier one, and a handful repeat a first address
/// with another country — so they are resolved, not refused: rows sharing a first address are ordered narrowest last
/// (an exact repeat: the later row last), then <see cref="RangeTableBuilder{T}"/> lets the most specific row win
/// (docs/geoip.md, "Overlapping rows").
/// </summary>
internal static class GeoCsvReader
{
    public static RangeTable<uint> ReadIPv4(Stream stream, string name) =>
        Read(stream, name, AddressFamily.InterNetwork, static bytes => BinaryPrimitives.ReadUInt32BigEndian(bytes));

    public static RangeTable<UInt128> ReadIPv6(Stream stream, string name) =>
        Read(stream, name, AddressFamily.InterNetworkV6, static bytes => BinaryPrimitives.ReadUInt128BigEndian(bytes));

    public static RangeTable<T> ReadFile<T>(string path, Func<Stream, string, RangeTable<T>> read)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        using var stream = File.OpenRead(path);
        return read(stream, Path.GetFileName(path));
    }

    private static RangeTable<T> Read<T>(Stream stream, string name, AddressFamily family, Func<ReadOnlySpan<byte>, T> toNumber)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        using var decoded = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : null;
        using var reader = new StreamReader(decoded ?? stream, leaveOpen: true);
        var builder = new RangeTableBuilder<T>();
        Span<byte> bytes = stackalloc byte[16];
        Span<Range> fields = stackalloc Range[4];
        T previousFirst = default;
        var sameFirst = new List<(T First, T Last, ushort Country)>();
        long lineNumber = 0, previousLine = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                var text = line.AsSpan();
                if (text.Split(fields, ',') != 3)
                {
                    throw new GeoDataFormatException(name, lineNumber, "expected three fields 'first,last,CC'.");
                }

                var first = ParseAddress(text[fields[0]], family, bytes, name, lineNumber, toNumber);
                var last = ParseAddress(text[fields[1]], family, bytes, name, lineNumber, toNumber);
                if (last < first)
                {
                    throw new GeoDataFormatException(name, lineNumber, $"last address {text[fields[1]]} is before first address {text[fields[0]]}.");
                }

                if (!CountryCodes.TryPack(text[fields[2]], out var country))
                {
                    throw new GeoDataFormatException(name, lineNumber, $"country '{text[fields[2]]}' is not an ISO 3166-1 alpha-2 code (two upper-case letters).");
                }

                if (previousLine > 0 && first < previousFirst)
                {
                    throw new GeoDataFormatException(name, lineNumber, $"not sorted: the range starts before the one on line {previousLine}; sort the file by first address.");
                }

                if (first != previousFirst)
                {
                    Flush(builder, sameFirst);
                }

                sameFirst.Add((first, last, country));
                (previousFirst, previousLine) = (first, lineNumber);
            }
        }
        catch (InvalidDataException e)
        {
            throw new GeoDataFormatException(name, lineNumber, $"not a readable gzip file ({e.Message}).");
        }

        Flush(builder, sameFirst);
        return previousLine == 0
            ? throw new GeoDataFormatException(name, 0, "the file holds no ranges.")
            : builder.Build();
    }

    /// <summary>Adds the rows that share one first address, widest first, so the narrowest (on a tie, the later row) is the most specific.</summary>
    private static void Flush<T>(RangeTableBuilder<T> builder, List<(T First, T Last, ushort Country)> rows)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        if (rows.Count > 1)
        {
            var ordered = rows.Select((r, i) => (Row: r, Index: i)).OrderByDescending(x => x.Row.Last).ThenBy(x => x.Index).Select(x => x.Row).ToList();
            rows.Clear();
            rows.AddRange(ordered);
        }

        foreach (var (first, last, country) in rows)
        {
            builder.Add(first, last, country);
        }

        rows.Clear();
    }

    private static T ParseAddress<T>(ReadOnlySpan<char> text, AddressFamily family, Span<byte> bytes, string name, long line, Func<ReadOnlySpan<byte>, T> toNumber)
    {
        var parsed = family == AddressFamily.InterNetwork
            ? IpAddressText.TryParse(text, out var address)
            : IPAddress.TryParse(text, out address) && address.AddressFamily == family && !address.IsIPv4MappedToIPv6 && !text.Contains('%');
        if (!parsed || address!.AddressFamily != family || !address.TryWriteBytes(bytes, out var written))
        {
            var expected = family == AddressFamily.InterNetwork ? "an IPv4 address (four decimal octets)" : "an IPv6 address";
            throw new GeoDataFormatException(name, line, $"'{text}' is not {expected}.");
        }

        return toNumber(bytes[..written]);
    }
}
