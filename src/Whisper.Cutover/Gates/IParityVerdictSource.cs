namespace Whisper.Cutover.Gates;

/// <summary>Where the parity gate's verdict comes from: the fork's <c>GET /v1/parity/verdict</c> in production, a script in tests and the simulation.</summary>
public interface IParityVerdictSource
{
    ValueTask<GateReading> ReadAsync(CancellationToken cancellationToken);
}
