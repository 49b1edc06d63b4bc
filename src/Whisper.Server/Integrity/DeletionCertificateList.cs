namespace Whisper.Server.Integrity;

/// <summary>GET /v1/integrity/deletion-certificates: every certificate in the evidence folder, by name.</summary>
public sealed record DeletionCertificateList(IReadOnlyList<DeletionCertificateListing> Certificates);

/// <param name="Name">Fetch it at <c>/v1/integrity/deletion-certificates/{name}</c> (and <c>…/signature</c>).</param>
/// <param name="Size">Length of the certificate in bytes.</param>
/// <param name="HasSignature">Whether its <c>.sig</c> is beside it; an unsigned certificate proves nothing.</param>
public sealed record DeletionCertificateListing(string Name, long Size, bool HasSignature);
