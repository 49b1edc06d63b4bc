namespace Whisper.Server.Auth;

/// <summary>What a token says: who (<see cref="Subject"/>), which roles, for how long, from which issuer to which audience.</summary>
/// <param name="Subject">The <c>sub</c> claim: a person or service name, 1-128 characters without control characters.</param>
/// <param name="Roles">Roles granted (at least one).</param>
/// <param name="Lifetime">From issue to expiry; at most <see cref="JwtDefaults.MaxLifetime"/>.</param>
public sealed record JwtTokenRequest(string Subject, ApiKeyRoles Roles, TimeSpan Lifetime)
{
    public const int MaxSubjectLength = 128;

    public string Issuer { get; init; } = JwtDefaults.Issuer;

    public string Audience { get; init; } = JwtDefaults.Audience;

    /// <summary>Null when the request can be issued, otherwise what is wrong and how to fix it.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Subject) || Subject.Length > MaxSubjectLength || Subject.Any(char.IsControl))
        {
            return $"the subject must be 1-{MaxSubjectLength} characters without control characters.";
        }

        if (Roles == ApiKeyRoles.None || (Roles & ~ApiKeyRoleNames.Defined) != 0)
        {
            return $"give at least one role of {ApiKeyRoleNames.List}.";
        }

        if (Lifetime <= TimeSpan.Zero || Lifetime > JwtDefaults.MaxLifetime)
        {
            return $"the lifetime must be above zero and at most {JwtDefaults.MaxLifetime.TotalHours:0} hours.";
        }

        return string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience) ? "the issuer and audience must not be empty." : null;
    }
}
