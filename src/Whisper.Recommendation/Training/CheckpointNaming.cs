using System.Globalization;

namespace Whisper.Recommendation.Training;

/// <summary>
/// Checkpoint file names: <c>ckpt-&lt;position, 20 digits&gt;.wck</c>, so that ordinal name order is position order
/// (docs/embedding-snapshot.md, "Layout"). A write in flight is the name plus <see cref="TempSuffix"/>.
/// </summary>
internal static class CheckpointNaming
{
    public const string Pattern = "ckpt-*.wck";

    public const string TempSuffix = ".tmp";

    private const string Prefix = "ckpt-";
    private const string Extension = ".wck";
    private const int Digits = 20;

    public static string FileName(long position) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{position:D20}{Extension}");

    /// <summary>True when <paramref name="fileName"/> (no directory) is exactly a checkpoint name; gives its position.</summary>
    public static bool TryParse(string fileName, out long position)
    {
        position = 0;
        if (fileName.Length != Prefix.Length + Digits + Extension.Length
            || !fileName.StartsWith(Prefix, StringComparison.Ordinal)
            || !fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(Prefix.Length, Digits);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out position);
    }
}
