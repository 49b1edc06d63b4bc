namespace Whisper.Cutover.Gates;

/// <summary>One check of the fork's fitness, read before each step and continuously after it.</summary>
public interface ICutoverGate
{
    string Name { get; }

    /// <summary>The gate's verdict now. Implementations turn their own failures (unreachable, malformed) into a reading, not an exception.</summary>
    ValueTask<GateReading> CheckAsync(GateContext context, CancellationToken cancellationToken);
}
