using System.Text.Json;

namespace Whisper.Fork.Residency;

/// <summary>Reading and validating the JSON rules file. Every problem is collected, then reported in one exception.</summary>
public sealed partial class ResidencyPolicy
{
    /// <summary>Reads and validates the policy file at <paramref name="path"/>.</summary>
    /// <exception cref="ResidencyPolicyException">The file cannot be read, is not JSON, or breaks a rule (all listed).</exception>
    public static ResidencyPolicy Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ResidencyPolicyException($"{path}: cannot be read ({e.Message.TrimEnd('.')}); check the path and its permissions.", e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates a policy; <paramref name="sourceName"/> (a path or name) starts every message.</summary>
    /// <exception cref="ResidencyPolicyException">Not JSON, or a rule is broken (all listed).</exception>
    public static ResidencyPolicy Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ResidencyPolicyException(
                $"{sourceName}: not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}; fix the JSON syntax there.", e);
        }

        using (document)
        {
            var reader = new Reader(sourceName);
            var policy = reader.Read(document.RootElement);
            return reader.Problems.Count > 0 || policy is null ? throw new ResidencyPolicyException(reader.Problems) : policy;
        }
    }
}
