namespace Whisper.Cutover.Gates;

/// <summary>The shadow-parity gate (docs/parity.md): passes only when the fork's own parity verdict is pass.</summary>
public sealed class ParityGate(IParityVerdictSource source) : ICutoverGate
{
    public string Name => "parity";

    public ValueTask<GateReading> CheckAsync(GateContext context, CancellationToken cancellationToken) => source.ReadAsync(cancellationToken);
}
