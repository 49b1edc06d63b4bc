namespace Whisper.Security.Audit.Sources;

/// <summary>
/// A string literal (or config value) as offsets into the file's text: the whole token including quotes and prefixes
/// (<see cref="Start"/>..<see cref="End"/>), the raw characters between the quotes (<see cref="ValueStart"/>..
/// <see cref="ValueEnd"/>; escapes are not decoded, so value offsets map one-to-one to columns), and for YAML/XML the
/// key or element that names it (<see cref="NameStart"/> &lt; 0 when the name is found later by looking back).
/// </summary>
internal readonly record struct SourceLiteral(int Start, int End, int ValueStart, int ValueEnd, int NameStart = -1, int NameEnd = -1, LiteralFlags Flags = LiteralFlags.None)
{
    public int ValueLength => ValueEnd - ValueStart;
}
