using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

using Whisper.Server.Auth;
using Whisper.Server.Errors;

namespace Whisper.Server.Integrity;

/// <summary>
/// The auditor's read-only view of a region's integrity evidence (docs/server-api.md, "Integrity"), served from one
/// folder an operator fills: <c>model-registry.json</c>, <c>manipulation-report.json</c>,
/// <c>deletion-certificates/&lt;name&gt;.json</c> with its <c>.sig</c>, and <c>bundle.wab</c>. Files are served as
/// their exact bytes (signatures cover bytes) and read per request, so a new file is served without a restart.
/// A missing file is a 404 problem naming the command that makes it.
/// </summary>
public static class IntegrityEndpoints
{
    /// <summary>Auditor and admin: the evidence is for reviewers, not for viewers or operators.</summary>
    public const string Policy = WhisperPolicies.Auditor;

    public const string ModelRegistryFile = "model-registry.json";
    public const string ManipulationReportFile = "manipulation-report.json";
    public const string CertificatesFolder = "deletion-certificates";
    public const string BundleFile = "bundle.wab";

    public static IEndpointRouteBuilder MapIntegrity(this IEndpointRouteBuilder routes, string evidenceDirectory)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentException.ThrowIfNullOrWhiteSpace(evidenceDirectory);
        var certificates = Path.Combine(evidenceDirectory, CertificatesFolder);
        var group = routes.MapGroup("/v1/integrity").WithTags("Integrity").RequireAuthorization(Policy);

        group.MapGet("/model-registry", () => Serve(Path.Combine(evidenceDirectory, ModelRegistryFile), "application/json",
            "No model registry", "copy <tlog>/model-registry.json (written by 'whisper model approve') into the evidence folder"))
            .WithName("GetIntegrityModelRegistry");
        group.MapGet("/manipulation-report", () => Serve(Path.Combine(evidenceDirectory, ManipulationReportFile), "application/json",
            "No manipulation report", $"run 'whisper integrity ranking --out {ManipulationReportFile}' into the evidence folder"))
            .WithName("GetIntegrityManipulationReport");
        group.MapGet("/deletion-certificates", () => Results.Json(new DeletionCertificateList(ListCertificates(certificates)), IntegrityJsonContext.Default.DeletionCertificateList))
            .WithName("ListIntegrityDeletionCertificates");
        group.MapGet("/deletion-certificates/{name}", (string name) => Certificate(certificates, name, ".json", "application/json"))
            .WithName("GetIntegrityDeletionCertificate");
        group.MapGet("/deletion-certificates/{name}/signature", (string name) => Certificate(certificates, name, ".sig", "application/json"))
            .WithName("GetIntegrityDeletionCertificateSignature");
        group.MapGet("/bundle", () => Serve(Path.Combine(evidenceDirectory, BundleFile), "application/zip",
            "No evidence bundle", $"run 'whisper audit-bundle create --out {BundleFile} …' into the evidence folder", BundleFile))
            .WithName("GetIntegrityBundle");
        return routes;
    }

    /// <summary>Certificate names: the file name without <c>.json</c>, only <c>A-Z a-z 0-9 . _ -</c>, never <c>.</c> or <c>..</c>.</summary>
    public static bool IsCertificateName(string name) =>
        name.Length is > 0 and <= 128 && name is not ("." or "..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static IResult Certificate(string folder, string name, string extension, string contentType)
    {
        if (!IsCertificateName(name))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid certificate name",
                "A certificate name is a file name without '.json': letters, digits, '.', '_' and '-' only; list them at /v1/integrity/deletion-certificates.", ProblemCodes.InvalidField, field: "name");
        }

        return Serve(Path.Combine(folder, name + extension), contentType, "No such deletion certificate", "list the certificates at /v1/integrity/deletion-certificates");
    }

    private static List<DeletionCertificateListing> ListCertificates(string folder)
    {
        var listings = new List<DeletionCertificateListing>();
        if (!Directory.Exists(folder))
        {
            return listings;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (IsCertificateName(name))
            {
                listings.Add(new DeletionCertificateListing(name, new FileInfo(path).Length, File.Exists(Path.ChangeExtension(path, ".sig"))));
            }
        }

        return listings;
    }

    private static IResult Serve(string path, string contentType, string title, string fix, string? downloadName = null)
    {
        if (!File.Exists(path))
        {
            return NotFound(title, fix);
        }

        try
        {
            // Streamed, not buffered: a bundle can be hundreds of megabytes.
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            return Results.File(stream, contentType, downloadName);
        }
        catch (FileNotFoundException)
        {
            return NotFound(title, fix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Evidence unreadable", $"The evidence file cannot be read ({e.Message.TrimEnd('.')}).", ProblemCodes.NotReady);
        }
    }

    private static ProblemHttpResult NotFound(string title, string fix) =>
        Problems.Create(StatusCodes.Status404NotFound, title, $"{title} in the evidence folder yet; {fix}.", ProblemCodes.NotFound);
}
