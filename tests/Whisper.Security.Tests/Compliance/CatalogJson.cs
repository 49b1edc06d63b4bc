namespace Whisper.Security.Tests.Compliance;

/// <summary>Small catalogs for tests, written as JSON text so line numbers in messages can be asserted.</summary>
internal static class CatalogJson
{
    /// <summary>A catalog of the given controls (JSON objects joined with commas).</summary>
    public static string With(params string[] controls) =>
        "{\n  \"format\": \"whisper-compliance-catalog\",\n  \"version\": 1,\n  \"name\": \"test baseline\",\n  \"controls\": [\n"
        + string.Join(",\n", controls)
        + "\n  ]\n}\n";

    /// <summary>One control with the given evidence objects and gaps.</summary>
    public static string Control(string id, string[] evidence, string gaps = "[]") =>
        $$"""
            { "id": "{{id}}", "title": "Title of {{id}}", "implementation": "How {{id}} is met.",
              "evidence": [{{string.Join(", ", evidence)}}],
              "gaps": {{gaps}} }
        """;
}
