using System.Text.Json;

namespace Whisper.Security.Compliance.Evidence;

/// <summary>
/// What a <c>config</c> item expects of the value its pointer selects: <c>equals</c> a JSON value, is of a JSON
/// <c>type</c>, or, for an array, <c>contains</c> or <c>notContains</c> a value. Values compare as JSON values, not as text.
/// </summary>
public sealed record ConfigExpectation(string Operator, JsonElement Value)
{
    public const string EqualsOperator = "equals";
    public const string TypeOperator = "type";
    public const string ContainsOperator = "contains";
    public const string NotContainsOperator = "notContains";

    public static IReadOnlyList<string> Operators { get; } = [EqualsOperator, TypeOperator, ContainsOperator, NotContainsOperator];

    /// <summary>The names <c>type</c> takes.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["object", "array", "string", "number", "boolean", "null"];

    public override string ToString() => $"{Operator} {Value.GetRawText()}";

    /// <summary>Null when <paramref name="actual"/> meets the expectation, else why not.</summary>
    public string? Check(JsonElement actual) => Operator switch
    {
        EqualsOperator => JsonElement.DeepEquals(actual, Value) ? null : $"is {Shorten(actual)}, expected {Shorten(Value)}",
        TypeOperator => TypeName(actual) == Value.GetString() ? null : $"is {TypeName(actual)}, expected {Value.GetString()}",
        ContainsOperator => actual.ValueKind != JsonValueKind.Array ? $"is {TypeName(actual)}, expected an array containing {Shorten(Value)}"
            : actual.EnumerateArray().Any(item => JsonElement.DeepEquals(item, Value)) ? null : $"does not contain {Shorten(Value)}",
        NotContainsOperator => actual.ValueKind != JsonValueKind.Array ? $"is {TypeName(actual)}, expected an array without {Shorten(Value)}"
            : actual.EnumerateArray().Any(item => JsonElement.DeepEquals(item, Value)) ? $"contains {Shorten(Value)}" : null,
        _ => $"has unknown operator {Operator}",
    };

    internal static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    internal static string Shorten(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }
}
