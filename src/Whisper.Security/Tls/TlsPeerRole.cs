namespace Whisper.Security.Tls;

/// <summary>The role the peer whose certificate is being checked plays; it decides which extended key usage is required.</summary>
public enum TlsPeerRole
{
    /// <summary>The peer connected to us: its certificate needs clientAuth.</summary>
    Client,

    /// <summary>We connected to the peer: its certificate needs serverAuth.</summary>
    Server,
}
