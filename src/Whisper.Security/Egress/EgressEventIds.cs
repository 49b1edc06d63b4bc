namespace Whisper.Security.Egress;

/// <summary>Log event ids of the egress guard (5xxx), allocated here so they never collide.</summary>
internal static class EgressEventIds
{
    public const int Denied = 5000;
    public const int Allowed = 5001;
    public const int HandlerGuarded = 5002;
}
