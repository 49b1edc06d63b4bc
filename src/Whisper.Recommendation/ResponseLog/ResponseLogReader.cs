using System.Globalization;
using System.Text.Json;

namespace Whisper.Recommendation.ResponseLog;

/// <summary>Reads a served-response log; a bad line is an error naming the file and line, never skipped silently.</summary>
public static class ResponseLogReader
{
    /// <summary>Every response in file order; a retried page (same request id) is kept once.</summary>
    /// <exception cref="InvalidDataException">Missing file, a line that is not a response, or another format version.</exception>
    public static IReadOnlyList<ServedResponse> ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"no response log at {path}; serve with a response log (whisper serve --response-log <file>) or pass the right --responses file.");
        }

        var responses = new List<ServedResponse>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var response = Parse(path, number, line);
            if (seen.Add(response.RequestId))
            {
                responses.Add(response);
            }
        }

        return responses;
    }

    private static ServedResponse Parse(string path, int number, string line)
    {
        ServedResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(line, ResponseLogJsonContext.Default.ServedResponse);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: not a served response ({e.Message})."));
        }

        if (response is null || response.Items is null || string.IsNullOrEmpty(response.RequestId) || string.IsNullOrEmpty(response.ModelVersion))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: a served response needs requestId, modelVersion and items."));
        }

        if (response.Format != ServedResponse.CurrentFormat)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: response format {response.Format}; this build reads format {ServedResponse.CurrentFormat}."));
        }

        return response;
    }
}
