namespace Whisper.World.Generation;

/// <summary>
/// One row of the generator's country table. All figures are synthetic: the IPv4 blocks are /16 prefixes picked
/// for the simulation, not real allocations, and must never be used as geolocation data.
/// </summary>
/// <param name="Code">ISO 3166-1 alpha-2 code.</param>
/// <param name="Region">Platform region code (<see cref="Whisper.Core.Domain.Regions"/>).</param>
/// <param name="Weight">Share of the region's users who live here (weights of a region sum to 1).</param>
/// <param name="Language">Main language subtag for videos made here.</param>
/// <param name="Currency">ISO 4217 currency of products sold from here.</param>
/// <param name="MinorPerUsd">Approximate minor currency units per US dollar, to price products.</param>
/// <param name="UtcOffsetHours">Offset used to place the daily activity peak.</param>
/// <param name="Blocks">Synthetic /16 blocks, each as (first octet, second octet).</param>
public sealed record SyntheticCountry(
    string Code,
    string Region,
    double Weight,
    string Language,
    string Currency,
    int MinorPerUsd,
    int UtcOffsetHours,
    IReadOnlyList<(byte A, byte B)> Blocks);
