namespace Whisper.World;

/// <summary>
/// Progress of a long job (world write or import). <see cref="Stage"/> names the step ("users", "events", "import", ...).
/// For the world's "events" stage <see cref="Total"/> is an estimate extrapolated from the days done so far, never
/// below <see cref="Done"/>, and exact in the stage's last report; for an import it counts bytes of the file.
/// </summary>
public readonly record struct WorldProgress(string Stage, long Done, long Total);
