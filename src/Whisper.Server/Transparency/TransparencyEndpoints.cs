using System.Globalization;
using System.Text.Json;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

using Whisper.Core.Integrity;
using Whisper.Security.Transparency;
using Whisper.Server.Auth;
using Whisper.Server.Errors;
using Whisper.Server.Ingest;

namespace Whisper.Server.Transparency;

/// <summary>
/// The transparency log under <c>/v1/tlog</c> (docs/security/transparency-log.md): append (role operator), head,
/// proofs and entries (role read or operator). Bad parameters are 400 <c>invalid_field</c> naming the field; an
/// entry past the end is 404. Bodies use <see cref="TransparencyJsonContext"/> directly, so mapping these routes onto
/// a built app needs no service registration.
/// </summary>
public static class TransparencyEndpoints
{
    /// <summary>Largest append body read; an entry is well under 2 KiB.</summary>
    public const int MaxAppendBodyBytes = 16 * 1024;

    private static readonly string KindList = string.Join(", ", LogEntryKinds.All);

    public static IEndpointRouteBuilder MapTransparencyLog(this IEndpointRouteBuilder routes, ITransparencyLog log)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(log);
        var group = routes.MapGroup("/v1/tlog").WithTags("Transparency")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/entries", (HttpContext context, TimeProvider time) => AppendAsync(context, log, time))
            .RequireAuthorization(WhisperPolicies.Operator)
            .WithName("AppendTransparencyEntry")
            .WithSummary("Log a release, model, migration manifest, cutover step or audit artefact; returns its index and the signed head.")
            .Accepts<AppendEntryRequest>("application/json")
            .Produces<AppendEntryResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/head", () => TypedResults.Json(SignedTreeHeadDocument.From(log.Head, log.PublicKey), TransparencyJsonContext.Default.SignedTreeHeadDocument))
            .RequireAuthorization(WhisperPolicies.Reader)
            .WithName("GetTransparencyHead")
            .WithSummary("The latest signed tree head.")
            .Produces<SignedTreeHeadDocument>();
        group.MapGet("/proof/inclusion", (string? index, string? size) => GetInclusion(log, index, size))
            .RequireAuthorization(WhisperPolicies.Reader)
            .WithName("GetTransparencyInclusionProof")
            .WithSummary("RFC 6962 audit path for a leaf in the tree of the given size (default: the current size).")
            .Produces<InclusionProofDocument>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/proof/consistency", (string? from, string? to) => GetConsistency(log, from, to))
            .RequireAuthorization(WhisperPolicies.Reader)
            .WithName("GetTransparencyConsistencyProof")
            .WithSummary("RFC 6962 proof that the tree of size from is a prefix of the tree of size to (default: the current size).")
            .Produces<ConsistencyProofDocument>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/entries/{index}", (string index) => GetEntry(log, index))
            .RequireAuthorization(WhisperPolicies.Reader)
            .WithName("GetTransparencyEntry")
            .WithSummary("One logged entry with its leaf bytes and leaf hash.")
            .Produces<LogEntryDocument>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> AppendAsync(HttpContext context, ITransparencyLog log, TimeProvider time)
    {
        var request = context.Request;
        if (!IngestHandler.IsJson(request.ContentType))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the entry as Content-Type: application/json (UTF-8).", ProblemCodes.UnsupportedMediaType);
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large",
                $"An entry body is at most {MaxAppendBodyBytes} bytes.", ProblemCodes.BodyTooLarge);
        }

        AppendEntryRequest? entryRequest;
        try
        {
            entryRequest = JsonSerializer.Deserialize(body, TransparencyJsonContext.Default.AppendEntryRequest);
        }
        catch (JsonException e)
        {
            // The serializer's message can quote the caller's text; say where, not what.
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON",
                string.Create(CultureInfo.InvariantCulture, $"The body must be one JSON object with the string fields kind, subject and sha256 and no others (problem at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."),
                ProblemCodes.MalformedJson);
        }

        if (entryRequest is null)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object, not null.", ProblemCodes.MalformedJson);
        }

        if (!LogEntryKinds.TryParse(entryRequest.Kind, out var kind))
        {
            return InvalidField("kind", $"kind must be one of {KindList}.");
        }

        if (LogEntry.SubjectProblem(entryRequest.Subject) is { } subjectProblem)
        {
            return InvalidField("subject", subjectProblem);
        }

        if (LogEntry.DigestProblem(entryRequest.Sha256) is { } digestProblem)
        {
            return InvalidField("sha256", digestProblem);
        }

        var entry = new LogEntry(kind, entryRequest.Subject!, entryRequest.Sha256!, time.GetUtcNow());
        var result = await log.AppendAsync(entry, context.RequestAborted).ConfigureAwait(false);
        var index = result.FirstIndex;
        context.Response.Headers.Location = string.Create(CultureInfo.InvariantCulture, $"/v1/tlog/entries/{index}");
        var response = new AppendEntryResponse(index, LogEntryDocument.From(index, entry, MerkleTree.LeafHash(entry.ToLeafBytes())), SignedTreeHeadDocument.From(result.Head, log.PublicKey));
        return TypedResults.Json(response, TransparencyJsonContext.Default.AppendEntryResponse, statusCode: StatusCodes.Status201Created);
    }

    private static Results<JsonHttpResult<InclusionProofDocument>, ProblemHttpResult> GetInclusion(ITransparencyLog log, string? index, string? size)
    {
        var current = log.Size;
        if (!TryParseSize(size, current, "size", min: 1, out var treeSize, out var problem))
        {
            return problem;
        }

        if (index is null || !TryParseCount(index, out var leaf) || leaf >= treeSize)
        {
            return treeSize == 0
                ? InvalidField("index", "The log is empty: there is no leaf to prove.")
                : InvalidField("index", string.Create(CultureInfo.InvariantCulture, $"index must be an integer from 0 to {treeSize - 1} (the leaf, below the tree size)."));
        }

        var document = new InclusionProofDocument(leaf, treeSize, Convert.ToBase64String(log.LeafHash(leaf)), Convert.ToBase64String(log.RootHash(treeSize)),
            Base64(log.InclusionProof(leaf, treeSize)));
        return TypedResults.Json(document, TransparencyJsonContext.Default.InclusionProofDocument);
    }

    private static Results<JsonHttpResult<ConsistencyProofDocument>, ProblemHttpResult> GetConsistency(ITransparencyLog log, string? from, string? to)
    {
        var current = log.Size;
        if (!TryParseSize(to, current, "to", min: 0, out var newSize, out var problem))
        {
            return problem;
        }

        if (from is null || !TryParseCount(from, out var oldSize) || oldSize > newSize)
        {
            return InvalidField("from", string.Create(CultureInfo.InvariantCulture, $"from must be an integer from 0 to {newSize} (an older tree size, at most to)."));
        }

        var document = new ConsistencyProofDocument(oldSize, newSize, Convert.ToBase64String(log.RootHash(oldSize)), Convert.ToBase64String(log.RootHash(newSize)),
            Base64(log.ConsistencyProof(oldSize, newSize)));
        return TypedResults.Json(document, TransparencyJsonContext.Default.ConsistencyProofDocument);
    }

    private static Results<JsonHttpResult<LogEntryDocument>, ProblemHttpResult> GetEntry(ITransparencyLog log, string index)
    {
        if (!TryParseCount(index, out var leaf))
        {
            return InvalidField("index", "index must be a non-negative integer (the entry's position in the log).");
        }

        if (leaf >= log.Size)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Not found",
                string.Create(CultureInfo.InvariantCulture, $"No entry {leaf}: the log holds {log.Size}."), ProblemCodes.NotFound);
        }

        return TypedResults.Json(LogEntryDocument.From(leaf, log.ReadEntry(leaf), log.LeafHash(leaf)), TransparencyJsonContext.Default.LogEntryDocument);
    }

    /// <summary>An optional tree size: absent means the current size; present must be in [min, current].</summary>
    private static bool TryParseSize(string? text, long current, string field, long min, out long size, out ProblemHttpResult problem)
    {
        problem = null!;
        size = current;
        if (text is null)
        {
            return true;
        }

        if (TryParseCount(text, out size) && size >= min && size <= current)
        {
            return true;
        }

        problem = InvalidField(field, string.Create(CultureInfo.InvariantCulture,
            $"{field} must be an integer from {min} to {current} (a tree size the log has reached); leave it out for the current size."));
        return false;
    }

    private static bool TryParseCount(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string[] Base64(IReadOnlyList<byte[]> hashes)
    {
        var encoded = new string[hashes.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = Convert.ToBase64String(hashes[i]);
        }

        return encoded;
    }

    private static ProblemHttpResult InvalidField(string field, string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, "Invalid field", detail, ProblemCodes.InvalidField, field: field);

    /// <summary>The body, or null when it is over <see cref="MaxAppendBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxAppendBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxAppendBodyBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length > MaxAppendBodyBytes ? null : buffer[..length];
    }
}
