namespace Whisper.Security.Audit.Detectors;

internal enum EndpointKind
{
    Url,
    Host,
    IPv4,
    IPv6,
}
