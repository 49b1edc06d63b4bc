namespace Whisper.Fork.Export;

/// <summary>
/// Progress of a fork job (export, import, verify, sync). <see cref="Done"/> of <see cref="Total"/> counts rows scanned
/// (or chunks, for import and verify); <see cref="Records"/> and <see cref="Bytes"/> count what was moved so far in the
/// whole job, so a display can show records/s and bytes/s.
/// </summary>
public readonly record struct ForkProgress(string Stage, long Done, long Total, long Records, long Bytes);
