using System.IO.Compression;
using System.Text;

using Whisper.Cutover.Geo;

namespace Whisper.Cutover.Tests.Geo;

/// <summary>Small range files with known answers, written like the shipped ones (gzip, no header).</summary>
internal static class GeoTestData
{
    public const string IPv4 = """
        1.0.0.0,1.0.0.255,AU
        1.0.1.0,1.0.3.255,CN
        8.8.8.0,8.8.8.255,US
        9.0.0.0,9.255.255.255,US
        9.1.0.0,9.1.0.255,CA
        9.1.0.16,9.1.0.31,MX
        81.0.0.0,81.0.0.255,FR
        """;

    public const string IPv6 = """
        2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,US
        2a00:1450::,2a00:1450:ffff:ffff:ffff:ffff:ffff:ffff,IE
        """;

    public static void WriteGz(string path, string csv)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(csv.ReplaceLineEndings("\n") + "\n"));
    }

    public static void WriteDirectory(string directory, string ipv4 = IPv4, string ipv6 = IPv6)
    {
        WriteGz(Path.Combine(directory, GeoDatabase.DefaultIPv4File), ipv4);
        WriteGz(Path.Combine(directory, GeoDatabase.DefaultIPv6File), ipv6);
    }

    public static GeoDatabase Load(string ipv4 = IPv4, string ipv6 = IPv6) =>
        GeoDatabase.Load(new MemoryStream(Encoding.UTF8.GetBytes(ipv4)), "v4.csv", new MemoryStream(Encoding.UTF8.GetBytes(ipv6)), "v6.csv");

    public static GeoIpService Service(string ipv4 = IPv4, string ipv6 = IPv6) => new(Load(ipv4, ipv6), "/nonexistent");
}
