namespace Whisper.Cutover.Simulation;

/// <summary>One line of a simulated cutover's timeline: when, what happened, and the share of residents on the fork afterwards.</summary>
public sealed record SimulationEvent(DateTimeOffset At, DateTime Local, string Action, string Detail, int StepsApplied, double ShareOnFork);
