namespace Whisper.Fork.Residency;

/// <summary>
/// A user's four own signals as packed country codes (<see cref="CountryCode"/>), indexed like <see cref="ResidencySignal"/>.
/// 8 bytes, so a conflict can be kept for the report as one ulong (<see cref="Pack"/>) instead of a decision object.
/// </summary>
internal struct SignalCodes
{
    /// <summary>Signals that come from the user row (all but billing).</summary>
    public const int UserSignals = 4;

    public ushort Declared;
    public ushort Ip;
    public ushort Phone;
    public ushort Residence;

    public readonly ushort this[int signal] => signal switch
    {
        0 => Declared,
        1 => Ip,
        2 => Phone,
        3 => Residence,
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };

    public readonly ulong Pack() => Declared | ((ulong)Ip << 16) | ((ulong)Phone << 32) | ((ulong)Residence << 48);

    public static SignalCodes Unpack(ulong packed) => new()
    {
        Declared = (ushort)packed,
        Ip = (ushort)(packed >> 16),
        Phone = (ushort)(packed >> 32),
        Residence = (ushort)(packed >> 48),
    };
}
