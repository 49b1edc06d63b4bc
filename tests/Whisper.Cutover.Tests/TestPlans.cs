namespace Whisper.Cutover.Tests;

/// <summary>Plan files for the tests: the US plan with a default schedule unless told otherwise.</summary>
internal static class TestPlans
{
    public static string Json(
        string launch = "2026-01-31T09:00",
        string sunset = "2026-12-01T09:00",
        string timeZone = "America/New_York",
        string staff = "[]",
        string creators = "[]",
        string? steps = null,
        string group = "us-2026") => $$"""
        {
          "format": "whisper-cutover-plan",
          "version": 1,
          "group_id": "{{group}}",
          "region": "us",
          "countries": ["US", "PR"],
          "time_zone": "{{timeZone}}",
          "launch": "{{launch}}",
          "sunset": "{{sunset}}",
          {{(steps is null ? string.Empty : $"\"steps\": {steps},")}}
          "staff": {{staff}},
          "creators": {{creators}},
          "new_app_url": "https://us.whisper.example/app"
        }
        """;

    public static string Write(TempDirectory dir, string json)
    {
        var path = dir.File("plan.json");
        File.WriteAllText(path, json);
        return path;
    }
}
