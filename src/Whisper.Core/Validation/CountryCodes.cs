namespace Whisper.Core.Validation;

/// <summary>ISO 3166-1 alpha-2 shape check (two upper-case ASCII letters); registry membership is the policy's job.</summary>
public static class CountryCodes
{
    public static bool IsWellFormed(string? code) =>
        code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}
