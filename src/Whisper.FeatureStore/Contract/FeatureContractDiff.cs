using System.Globalization;

using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Contract;

/// <summary>
/// Lists every difference between two regions' contracts with its severity (docs/feature-contract.md, "Diff"). Anything
/// that changes what a model sees is blocking: a missing feature a model reads, entity, type, source, window, TTL,
/// default, and model inputs. Order: features in A's order then B-only features, then models, then the region.
/// </summary>
public static class FeatureContractDiff
{
    public const string Absent = "(absent)";

    public static IReadOnlyList<ContractDifference> Compare(FeatureContract a, FeatureContract b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new List<ContractDifference>();
        var inB = b.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var inA = a.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var read = a.ModelInputs.Concat(b.ModelInputs).SelectMany(m => m.Features).ToHashSet(StringComparer.Ordinal);
        foreach (var fa in a.Features)
        {
            if (!inB.TryGetValue(fa.Name, out var fb))
            {
                result.Add(Missing(fa, read, presentInA: true));
                continue;
            }

            Compare(fa, fb, result);
        }

        foreach (var fb in b.Features)
        {
            if (!inA.ContainsKey(fb.Name))
            {
                result.Add(Missing(fb, read, presentInA: false));
            }
        }

        CompareModels(a.ModelInputs, b.ModelInputs, result);
        if (!string.Equals(a.Region, b.Region, StringComparison.Ordinal))
        {
            result.Add(new ContractDifference(DifferenceSeverity.Info, DifferenceKind.RegionDiffers, "region", a.Region, b.Region));
        }

        return result;
    }

    public static bool HasBlocking(IReadOnlyList<ContractDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        return differences.Any(d => d.Severity == DifferenceSeverity.Blocking);
    }

    private static void Compare(FeatureDefinition a, FeatureDefinition b, List<ContractDifference> result)
    {
        var name = a.Name;
        if (a.Entity != b.Entity)
        {
            result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.EntityDiffers, name, FeatureNames.Entity(a.Entity), FeatureNames.Entity(b.Entity)));
        }

        if (a.Type != b.Type)
        {
            result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.TypeDiffers, name, FeatureNames.Type(a.Type), FeatureNames.Type(b.Type)));
        }

        if (!a.Source.SameAs(b.Source))
        {
            result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.SourceDiffers, name, a.Source.Describe(), b.Source.Describe()));
        }

        if (a.Window != b.Window)
        {
            result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.WindowDiffers, name, Duration(a.Window), Duration(b.Window)));
        }

        if (a.Ttl != b.Ttl)
        {
            result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.TtlDiffers, name, Duration(a.Ttl), Duration(b.Ttl)));
        }

        if (a.Default.CompareTo(b.Default) != 0)
        {
            result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.DefaultDiffers, name, Number(a.Default), Number(b.Default)));
        }

        if (!string.Equals(a.Owner, b.Owner, StringComparison.Ordinal))
        {
            result.Add(new(DifferenceSeverity.Info, DifferenceKind.OwnerDiffers, name, a.Owner, b.Owner));
        }

        if (!string.Equals(a.Description, b.Description, StringComparison.Ordinal))
        {
            result.Add(new(DifferenceSeverity.Info, DifferenceKind.DescriptionDiffers, name, a.Description ?? Absent, b.Description ?? Absent));
        }
    }

    private static ContractDifference Missing(FeatureDefinition f, HashSet<string> read, bool presentInA)
    {
        var severity = read.Contains(f.Name) ? DifferenceSeverity.Blocking : DifferenceSeverity.Warning;
        var here = $"{FeatureNames.Entity(f.Entity)} {FeatureNames.Type(f.Type)} ttl {Duration(f.Ttl)}";
        return new ContractDifference(severity, DifferenceKind.MissingFeature, f.Name, presentInA ? here : Absent, presentInA ? Absent : here);
    }

    private static void CompareModels(IReadOnlyList<ModelInput> a, IReadOnlyList<ModelInput> b, List<ContractDifference> result)
    {
        var inB = b.ToDictionary(m => m.Model, StringComparer.Ordinal);
        foreach (var ma in a)
        {
            if (!inB.TryGetValue(ma.Model, out var mb))
            {
                result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.MissingModel, ma.Model, List(ma.Features), Absent));
            }
            else if (!ma.Features.SequenceEqual(mb.Features, StringComparer.Ordinal))
            {
                result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.ModelInputsDiffer, ma.Model, List(ma.Features), List(mb.Features)));
            }
        }

        var inA = a.Select(m => m.Model).ToHashSet(StringComparer.Ordinal);
        foreach (var mb in b.Where(m => !inA.Contains(m.Model)))
        {
            result.Add(new(DifferenceSeverity.Blocking, DifferenceKind.MissingModel, mb.Model, Absent, List(mb.Features)));
        }
    }

    private static string List(IReadOnlyList<string> names) => "[" + string.Join(",", names) + "]";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>"3600000 ms (1h)"-style text; "none" for no window.</summary>
    public static string Duration(TimeSpan? span) => span is not { } s
        ? "none"
        : $"{(long)s.TotalMilliseconds} ms";
}
