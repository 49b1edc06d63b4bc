using Whisper.Cutover.Gates;

namespace Whisper.Cutover.Tests.Control;

/// <summary>A gate whose verdict the test sets; counts how often it was read.</summary>
internal sealed class ScriptedGate(string name = "scripted") : ICutoverGate
{
    public GateVerdict Verdict { get; set; } = GateVerdict.Pass;

    public int Reads { get; private set; }

    public string Name => name;

    public ValueTask<GateReading> CheckAsync(GateContext context, CancellationToken cancellationToken)
    {
        Reads++;
        return ValueTask.FromResult(new GateReading(name, Verdict, $"scripted {Verdict}"));
    }
}
