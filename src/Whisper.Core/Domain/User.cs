namespace Whisper.Core.Domain;

/// <summary>
/// A platform user. The four country fields are the residency signals a fork's policy weighs; they can
/// disagree (a traveller, a VPN, a foreign SIM) and a policy must report such conflicts, not guess.
/// </summary>
/// <param name="Id">Positive id.</param>
/// <param name="Handle">Public handle, unique.</param>
/// <param name="DeclaredCountry">ISO 3166-1 alpha-2 country the user declared at sign-up.</param>
/// <param name="SignupIp">IP address (v4 or v6, text form) the account was created from.</param>
/// <param name="PhoneCountry">ISO 3166-1 alpha-2 country of the verified phone number.</param>
/// <param name="ResidenceCountry">ISO 3166-1 alpha-2 country the platform believes the user lives in.</param>
/// <param name="CreatedAt">Sign-up time.</param>
public sealed record User(
    long Id,
    string Handle,
    string DeclaredCountry,
    string SignupIp,
    string PhoneCountry,
    string ResidenceCountry,
    DateTimeOffset CreatedAt);
