using System.Text.RegularExpressions;

namespace Whisper.FeatureStore.Definitions;

/// <summary>Checks feature definitions and model inputs, reporting every problem at once, each naming the feature and the fix.</summary>
public static partial class FeatureDefinitionRules
{
    /// <summary>Longest TTL or window accepted (a year): longer is almost certainly a unit mistake.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    public static IReadOnlyList<string> Validate(IReadOnlyList<FeatureDefinition> features, IReadOnlyList<ModelInput> modelInputs)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(modelInputs);
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            var who = string.IsNullOrEmpty(f.Name) ? $"feature #{i + 1}" : $"feature '{f.Name}'";
            if (!NamePattern().IsMatch(f.Name ?? string.Empty))
            {
                problems.Add($"{who}: name must be snake_case (a-z, 0-9, _; starting with a letter; at most 64 characters), e.g. user_watch_time_1h.");
            }
            else if (!names.Add(f.Name!))
            {
                problems.Add($"{who}: defined twice; give each feature a unique name or remove the duplicate.");
            }

            if (!Enum.IsDefined(f.Entity))
            {
                problems.Add($"{who}: unknown entity; use one of {FeatureNames.OneOf<FeatureEntity>(FeatureNames.Entity)}.");
            }

            if (!Enum.IsDefined(f.Type))
            {
                problems.Add($"{who}: unknown type; use one of {FeatureNames.OneOf<FeatureValueType>(FeatureNames.Type)}.");
            }

            if (f.Ttl <= TimeSpan.Zero || f.Ttl > MaxDuration || f.Ttl.Ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                problems.Add($"{who}: ttl must be a whole number of milliseconds between 1 ms and {MaxDuration.TotalDays:0} days, not {f.Ttl}; set ttl to how long a value may be served after its event time.");
            }

            if (string.IsNullOrWhiteSpace(f.Owner))
            {
                problems.Add($"{who}: owner is empty; name the team or service answerable for it, e.g. \"ranking\".");
            }

            CheckDefault(f, who, problems);
            if (f.Source is null)
            {
                problems.Add($"{who}: source is missing; give an event aggregation or a table.");
            }
            else
            {
                CheckSource(f, who, problems);
            }
        }

        var models = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in modelInputs)
        {
            if (string.IsNullOrWhiteSpace(input.Model) || !models.Add(input.Model))
            {
                problems.Add($"model input '{input.Model}': model names must be non-empty and unique; rename or merge the entries.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in input.Features ?? [])
            {
                if (!names.Contains(name))
                {
                    problems.Add($"model input '{input.Model}': reads feature '{name}', which is not defined; define it or remove it from the model's inputs.");
                }
                else if (!seen.Add(name))
                {
                    problems.Add($"model input '{input.Model}': reads feature '{name}' twice; list it once.");
                }
            }
        }

        return problems;
    }

    private static void CheckDefault(FeatureDefinition f, string who, List<string> problems)
    {
        if (!double.IsFinite(f.Default))
        {
            problems.Add($"{who}: default must be a finite number.");
        }
        else if (f.Type == FeatureValueType.Whole && (f.Default != Math.Floor(f.Default) || Math.Abs(f.Default) > (1L << 53)))
        {
            problems.Add($"{who}: default {f.Default} is not a whole number for type int64; use an integer default or type float64.");
        }
        else if (f.Type == FeatureValueType.Flag && f.Default is not (0 or 1))
        {
            problems.Add($"{who}: default {f.Default} is not 0 or 1 for type bool.");
        }
    }

    private static void CheckSource(FeatureDefinition f, string who, List<string> problems)
    {
        var s = f.Source;
        if (s.Kind == FeatureSourceKind.Table)
        {
            if (string.IsNullOrWhiteSpace(s.Table))
            {
                problems.Add($"{who}: a table source needs a table name, e.g. \"table\": \"follows\".");
            }

            if (f.Window is not null)
            {
                problems.Add($"{who}: a table source has no window; remove window (ttl alone bounds table values).");
            }

            return;
        }

        if (s.Kind != FeatureSourceKind.EventAggregation)
        {
            problems.Add($"{who}: unknown source kind; use one of {FeatureNames.OneOf<FeatureSourceKind>(FeatureNames.SourceKind)}.");
            return;
        }

        if (s.EventKinds.Count == 0 || s.EventKinds.Any(k => !Enum.IsDefined(k)))
        {
            problems.Add($"{who}: an event aggregation needs one or more known event kinds ({string.Join(", ", Core.Domain.EventKinds.WireNames)}).");
        }

        switch (s.Aggregation)
        {
            case FeatureAggregation.Count or FeatureAggregation.Sum:
                if (f.Window is not { } w || w <= TimeSpan.Zero || w > MaxDuration || w.Ticks % TimeSpan.TicksPerMillisecond != 0)
                {
                    problems.Add($"{who}: {FeatureNames.Aggregation(s.Aggregation)} needs a window of whole milliseconds between 1 ms and {MaxDuration.TotalDays:0} days, e.g. \"window_ms\": 3600000.");
                }

                if (s.Aggregation == FeatureAggregation.Sum && s.Field != FeatureField.WatchTimeMs)
                {
                    problems.Add($"{who}: sum needs field watch_time_ms (the only summable event field).");
                }

                if (s.Aggregation == FeatureAggregation.Count && s.Field != FeatureField.None)
                {
                    problems.Add($"{who}: count reads no field; remove field.");
                }

                break;
            case FeatureAggregation.Last:
                if (f.Window is not null)
                {
                    problems.Add($"{who}: last has no window; remove window (ttl bounds how old the last event may be).");
                }

                if (s.Field is not (FeatureField.WatchTimeMs or FeatureField.VideoId))
                {
                    problems.Add($"{who}: last needs field watch_time_ms or video_id.");
                }

                break;
            default:
                problems.Add($"{who}: unknown aggregation; use one of {FeatureNames.OneOf<FeatureAggregation>(FeatureNames.Aggregation)}.");
                break;
        }

        if (f.Type == FeatureValueType.Flag)
        {
            problems.Add($"{who}: an event aggregation yields a number; use type int64 or float64.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();
}
