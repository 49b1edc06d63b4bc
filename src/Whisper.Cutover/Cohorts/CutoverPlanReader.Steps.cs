using System.Text.Json;

namespace Whisper.Cutover.Cohorts;

public static partial class CutoverPlanReader
{
    /// <summary>Default share of the region's users moved per month when the plan lists no steps.</summary>
    public const int DefaultMonthlyPercent = 25;

    /// <summary>
    /// The plan's steps, or the default when it lists none: staff, then creators, then <c>monthly_percent</c> of
    /// everyone at launch and the same again each month until 100 % (25 → 2,500, 5,000, 7,500, 10,000 buckets).
    /// Checked: cohorts in the order staff, creators, everyone; each at most once except everyone, whose percentage
    /// rises strictly; due dates never go backwards.
    /// </summary>
    private static List<CutoverStep> ReadSteps(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("steps", out var array))
        {
            return DefaultSteps(root, problems);
        }

        var steps = new List<CutoverStep>();
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            problems.Add("\"steps\" must be a non-empty array (or left out for the default 25 % a month).");
            return steps;
        }

        var previous = (Moves: CohortKind.Staff, Buckets: 0, Months: 0, Days: 0);
        foreach (var e in array.EnumerateArray())
        {
            var number = steps.Count + 1;
            var where = $"steps[{number - 1}]";
            var moves = Text(e, "moves") switch
            {
                "staff" => CohortKind.Staff,
                "creators" => CohortKind.Creators,
                "everyone" => CohortKind.Everyone,
                _ => (CohortKind?)null,
            };
            if (moves is null)
            {
                problems.Add($"{where}.moves must be \"staff\", \"creators\" or \"everyone\".");
                continue;
            }

            var buckets = 0;
            if (moves == CohortKind.Everyone)
            {
                if (!e.TryGetProperty("percent", out var p) || !p.TryGetDecimal(out var percent) || percent <= 0 || percent > 100 || percent * 100 != decimal.Truncate(percent * 100))
                {
                    problems.Add($"{where}.percent must be above 0 and at most 100, in steps of 0.01 (one bucket).");
                    continue;
                }

                buckets = (int)(percent * 100);
            }

            var months = Offset(e, "after_months", where, problems);
            var days = Offset(e, "after_days", where, problems);
            if (steps.Count > 0)
            {
                if (moves < previous.Moves || (moves == previous.Moves && moves != CohortKind.Everyone))
                {
                    problems.Add($"{where} moves {Name(moves.Value)} after {Name(previous.Moves)}; steps move staff, then creators, then everyone, each list once.");
                }
                else if (moves == CohortKind.Everyone && buckets <= previous.Buckets)
                {
                    problems.Add($"{where}.percent must be above the previous step's {previous.Buckets / 100.0:0.##}: raising the share is what a step does.");
                }

                if (months < previous.Months || (months == previous.Months && days < previous.Days))
                {
                    problems.Add($"{where} is due before the step before it; order steps by after_months, then after_days.");
                }
            }

            steps.Add(new CutoverStep(number, moves.Value, buckets, months, days));
            previous = (moves.Value, Math.Max(previous.Buckets, buckets), months, days);
        }

        return steps;
    }

    private static List<CutoverStep> DefaultSteps(JsonElement root, List<string> problems)
    {
        var monthly = DefaultMonthlyPercent;
        if (root.TryGetProperty("monthly_percent", out var m) && (!m.TryGetInt32(out monthly) || monthly is <= 0 or > 100))
        {
            problems.Add("\"monthly_percent\" must be a whole number from 1 to 100.");
            return [];
        }

        var steps = new List<CutoverStep> { new(1, CohortKind.Staff, 0, 0, 0), new(2, CohortKind.Creators, 0, 0, 0) };
        for (var month = 0; ; month++)
        {
            var buckets = Math.Min(CohortBucket.Count, (month + 1) * monthly * 100);
            steps.Add(new CutoverStep(steps.Count + 1, CohortKind.Everyone, buckets, month, 0));
            if (buckets == CohortBucket.Count)
            {
                return steps;
            }
        }
    }

    private static int Offset(JsonElement step, string name, string where, List<string> problems)
    {
        if (!step.TryGetProperty(name, out var value))
        {
            return 0;
        }

        if (value.TryGetInt32(out var n) && n is >= 0 and <= 1200)
        {
            return n;
        }

        problems.Add($"{where}.{name} must be a whole number from 0 to 1200.");
        return 0;
    }

    private static string Name(CohortKind kind) => kind.ToString().ToLowerInvariant();
}
