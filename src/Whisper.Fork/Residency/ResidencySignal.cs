namespace Whisper.Fork.Residency;

/// <summary>
/// A piece of evidence about where a user lives. The first four are fields of <see cref="Core.Domain.User"/>;
/// <see cref="BillingCountry"/> comes from the user's orders. Wire names are in <see cref="ResidencySignals"/>.
/// </summary>
public enum ResidencySignal
{
    DeclaredCountry,
    SignupIp,
    PhoneCountry,
    ResidenceCountry,
    BillingCountry,
}
