namespace Whisper.Fork.Residency;

/// <summary>The names residency signals have in a policy file and in reports ("declaredCountry", "signupIp", ...).</summary>
public static class ResidencySignals
{
    /// <summary>Number of signals (the enum's values are 0..Count−1).</summary>
    public const int Count = 5;

    private static readonly string[] Names = ["declaredCountry", "signupIp", "phoneCountry", "residenceCountry", "billingCountry"];

    public static IReadOnlyList<string> WireNames { get; } = Names;

    public static string ToWireName(this ResidencySignal signal) =>
        (int)signal is >= 0 and < Count ? Names[(int)signal] : throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown residency signal.");

    /// <summary>Exact (case-sensitive) match of a wire name, as JSON property names are.</summary>
    public static bool TryParse(string name, out ResidencySignal signal)
    {
        var index = Array.IndexOf(Names, name);
        signal = (ResidencySignal)Math.Max(index, 0);
        return index >= 0;
    }
}
