using System.Text.RegularExpressions;

namespace Whisper.Security.Audit.Rules;

/// <summary>
/// When a literal counts as a hard-coded secret: assigned to a name matching <see cref="Names"/>, at least
/// <see cref="MinLength"/> characters, at least <see cref="MinEntropy"/> bits of Shannon entropy per character, at
/// least <see cref="MinCharClasses"/> of lower/upper/digit/symbol, no whitespace, and not matching <see cref="IgnoreValues"/>.
/// </summary>
public sealed record SecretSettings(Regex Names, int MinLength, double MinEntropy, int MinCharClasses, Regex? IgnoreValues);
