namespace Whisper.Cutover.Gateway;

/// <summary>Where the gateway sends a request.</summary>
public enum RouteTarget
{
    /// <summary>The original service.</summary>
    Source = 0,

    /// <summary>The new region.</summary>
    Fork = 1,

    /// <summary>Nowhere: a resident request for the source after the sunset gets the sunset response.</summary>
    Sunset = 2,
}
