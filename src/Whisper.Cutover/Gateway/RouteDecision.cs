using Whisper.Cutover.Geo;

namespace Whisper.Cutover.Gateway;

/// <summary>One request's routing decision and what it rested on: the client's geo lookup, residency, the user and whether their cohort is moved.</summary>
public readonly record struct RouteDecision(RouteTarget Target, GeoLookupResult Geo, bool Resident, long? UserId, bool Moved);
