using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

using Whisper.Fork.Residency;

namespace Whisper.Fork.Tests.Residency;

/// <summary>Policy files for tests: a valid base to edit, and the repository's sample policy.</summary>
internal static class PolicyJson
{
    public const string Source = "test-policy.json";

    /// <summary>The same rules as policies/us-residency.json, with only US and PR in the region.</summary>
    public static JsonObject Base() => JsonNode.Parse("""
        {
          "format": "whisper-residency-policy",
          "version": 1,
          "targetRegion": "us",
          "countries": ["US", "PR"],
          "mode": "partial-divestiture",
          "signals": { "residenceCountry": 1.0, "declaredCountry": 0.5, "phoneCountry": 0.5, "billingCountry": 0.5, "signupIp": 0.25 },
          "decision": { "threshold": 0.7, "conflictMargin": 0.4, "minimumKnownWeight": 1.0 },
          "conflicts": "report-exclude",
          "related": { "creators": true, "videos": true, "liveSessions": true, "products": true, "follows": true, "events": true, "orders": true }
        }
        """)!.AsObject();

    public static ResidencyPolicy Parse(JsonObject policy) => ResidencyPolicy.Parse(policy.ToJsonString(), Source);

    public static ResidencyPolicy With(Action<JsonObject> edit)
    {
        var policy = Base();
        edit(policy);
        return Parse(policy);
    }

    /// <summary>The message a broken policy is rejected with.</summary>
    public static ResidencyPolicyException Reject(Action<JsonObject> edit)
    {
        var policy = Base();
        edit(policy);
        return Assert.Throws<ResidencyPolicyException>(() => Parse(policy));
    }

    /// <summary>policies/us-residency.json, found from this source file (the tests may run from any artifacts path).</summary>
    public static string SamplePath([CallerFilePath] string here = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(here), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "policies", "us-residency.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("policies/us-residency.json not found above the test sources or the working directory.");
    }
}
