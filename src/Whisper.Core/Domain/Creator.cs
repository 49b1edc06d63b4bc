namespace Whisper.Core.Domain;

/// <summary>A user who publishes videos. A creator's audience is the set of its followers.</summary>
/// <param name="Id">Positive id (its own id space, not the user id).</param>
/// <param name="UserId">The user account behind the creator.</param>
/// <param name="DisplayName">Name shown on videos.</param>
/// <param name="HomeCountry">ISO 3166-1 alpha-2 country the creator publishes from.</param>
/// <param name="CreatedAt">When the creator profile was opened.</param>
public sealed record Creator(long Id, long UserId, string DisplayName, string HomeCountry, DateTimeOffset CreatedAt);
