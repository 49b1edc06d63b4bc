namespace Whisper.Server.Diagnostics;

/// <summary>Log event ids of the server, allocated here so they never collide: 1xxx host, 2xxx auth, 3xxx ingest.</summary>
internal static class ServerEventIds
{
    public const int Listening = 1000;
    public const int KeysLoaded = 1001;
    public const int KeyFileTooOpen = 1002;
    public const int Stopping = 1003;

    public const int KeyRejected = 2000;
    public const int KeyAccepted = 2001;

    public const int BatchAppended = 3000;
    public const int BatchRejected = 3001;
}
