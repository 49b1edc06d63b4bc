namespace Whisper.Security.Audit.Detectors;

/// <summary>An endpoint found in a value: where the whole token is (a URL, a host with port or path, an address) and what it is.</summary>
internal readonly record struct EndpointHit(int Offset, int Length, EndpointKind Kind)
{
    public int End => Offset + Length;

    public string Describe() => Kind switch
    {
        EndpointKind.Url => "URL",
        EndpointKind.Host => "host name",
        EndpointKind.IPv4 => "IPv4 address",
        _ => "IPv6 address",
    };
}
