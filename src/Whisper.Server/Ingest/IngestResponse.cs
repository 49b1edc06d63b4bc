namespace Whisper.Server.Ingest;

/// <summary>Body of a 200 from POST /v1/events. <see cref="FirstSequence"/>..<see cref="LastSequence"/> is (0, 0) when nothing was new.</summary>
public sealed record IngestResponse(int Appended, int Duplicates, long FirstSequence, long LastSequence);
