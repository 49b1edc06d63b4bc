using System.Security.Cryptography;

using Whisper.Core.Integrity;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Transparency;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// <c>tlog-verifies</c>: the transparency log given with <c>--tlog</c> is whole and its heads are trustworthy:
/// <list type="number">
/// <item>every leaf in <c>leaves.dat</c> hashes to its record in <c>hashes.dat</c>, and the root recomputed from those
/// hashes (RFC 6962, independently of the log's cached levels) is the root the log serves;</item>
/// <item>inclusion and consistency proofs the log serves for the first, middle and last positions verify;</item>
/// <item>a head signed with <c>head-signing.pkcs8</c> (when it is in the folder) verifies against
/// <c>head-signing.spki</c>, the key verifiers pin — so the two are a pair;</item>
/// <item>with <c>--tlog-head</c>, that earlier head (<c>whisper tlog head</c> output) verifies against the pinned key and
/// the log now is consistent with it: nothing it vouched for was rewritten.</item>
/// </list>
/// The probe works on a copy of the log's files in a temporary folder, so it never takes the log's lock, never writes
/// to it, and a log whose files need repair on open (a torn or cut tail) fails instead of being repaired — opening
/// the original would cut the damaged leaves and destroy the evidence. Run it on a quiescent log or a snapshot: a copy
/// taken mid-append can hold a torn tail. Without the private key and without a pinned head no signature can be
/// checked: <c>not-run</c>.
/// </summary>
public sealed partial class TransparencyLogProbe : IComplianceProbe
{
    public string Name => "tlog-verifies";

    public string Summary => "The transparency log's leaves, root, proofs and signed heads verify.";

    public void Validate(ProbeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Known();
    }

    public ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = context.Inputs.TlogDirectory;
        if (directory is null)
        {
            return ValueTask.FromResult(EvidenceResult.NotRun("no transparency log given; pass --tlog <dir> (and --tlog-head <file> to pin an earlier head)"));
        }

        if (!TransparencyLog.Exists(directory))
        {
            return ValueTask.FromResult(EvidenceResult.Missing($"{directory} holds no transparency log (no leaves.dat)"));
        }

        var spkiPath = TreeHeadSigner.PublicKeyPath(Path.Combine(directory, TreeHeadSigner.DefaultKeyFileName));
        if (!File.Exists(spkiPath))
        {
            return ValueTask.FromResult(EvidenceResult.Missing($"{spkiPath} (the public key verifiers pin) does not exist"));
        }

        if (context.Inputs.TlogHead is { } headPath && !File.Exists(headPath))
        {
            return ValueTask.FromResult(EvidenceResult.Missing($"--tlog-head {headPath} does not exist"));
        }

        try
        {
            return ValueTask.FromResult(Verify(directory, File.ReadAllBytes(spkiPath), context, cancellationToken));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(EvidenceResult.Fail($"{directory}: {e.Message}"));
        }
    }

    private static EvidenceResult Verify(string directory, byte[] spki, EvidenceContext context, CancellationToken cancellationToken)
    {
        var copy = Directory.CreateTempSubdirectory("whisper-compliance-tlog-").FullName;
        try
        {
            foreach (var name in new[] { LogFiles.LeavesFileName, LogFiles.HashesFileName, SubtreeIndex.SnapshotFileName })
            {
                if (File.Exists(Path.Combine(directory, name)))
                {
                    File.Copy(Path.Combine(directory, name), Path.Combine(copy, name));
                }
            }

            using var ephemeral = TreeHeadSigner.CreateEphemeral(); // the copy has no key files and gets none
            using var log = TransparencyLog.Open(copy, ephemeral);
            if (log.Recovery.Changed)
            {
                var r = log.Recovery;
                return EvidenceResult.Fail($"{directory}: its files need repair on open ({r.TruncatedLeafBytes} leaf bytes and {r.TruncatedHashBytes} hash bytes to cut, {r.DroppedHashRecords} hash records to drop, {r.RecoveredLeaves} leaves to re-index): a crash mid-append or tampering; compare with a pinned head before the server opens it");
            }

            return Verify(directory, log, spki, context, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Messages name the file that was read: the copy. Say which log it is a copy of.
            return EvidenceResult.Fail($"{directory}: {e.Message.Replace(copy, directory, StringComparison.Ordinal)}");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static EvidenceResult Verify(string directory, TransparencyLog log, byte[] spki, EvidenceContext context, CancellationToken cancellationToken)
    {
        var size = log.Size;
        var root = RecomputeRoot(log, cancellationToken, out var badLeaf);
        if (badLeaf >= 0)
        {
            return EvidenceResult.Fail($"{directory}: leaf {badLeaf} does not hash to its record in hashes.dat");
        }

        if (!root.AsSpan().SequenceEqual(log.RootHash(size)))
        {
            return EvidenceResult.Fail($"{directory}: the root the log serves for {size} leaves is not the root of its leaves");
        }

        if (CheckProofs(log, size, root) is { } proofProblem)
        {
            return EvidenceResult.Fail($"{directory}: {proofProblem}");
        }

        var checks = new List<string> { $"{size:N0} leaves hash to their records and to the served root; proofs verify" };
        var keyPath = Path.Combine(directory, TreeHeadSigner.DefaultKeyFileName);
        if (File.Exists(keyPath))
        {
            if (!SignsForPinnedKey(keyPath, spki, size, root, context.Time.GetUtcNow()))
            {
                return EvidenceResult.Fail($"{directory}: a head signed with {TreeHeadSigner.DefaultKeyFileName} does not verify against head-signing.spki; the published key is not the signing key's");
            }

            checks.Add("a head signed with the log's key verifies against head-signing.spki");
        }

        if (context.Inputs.TlogHead is { } headPath)
        {
            if (CheckPinnedHead(headPath, log, spki, size, root) is { } headProblem)
            {
                return EvidenceResult.Fail(headProblem);
            }

            checks.Add($"consistent with the pinned head {Path.GetFileName(headPath)}");
        }

        var detail = string.Join("; ", checks);
        return checks.Count > 1
            ? EvidenceResult.Pass(detail)
            : EvidenceResult.NotRun($"{detail}; but no signature could be checked: the private key is not in {directory} and no --tlog-head was given");
    }

    /// <summary>
    /// The RFC 6962 root of the leaves, recomputed from <c>leaves.dat</c> with a stack of complete subtrees (O(log n)
    /// memory, 32 bytes per level): merging equal-sized neighbours left to right and folding the rest right to left
    /// gives exactly the split-at-the-largest-power-of-two tree. Sets <paramref name="badLeaf"/> to the first leaf whose
    /// hash differs from its stored record, else -1.
    /// </summary>
    private static byte[] RecomputeRoot(TransparencyLog log, CancellationToken cancellationToken, out long badLeaf)
    {
        badLeaf = -1;
        var stack = new List<(byte[] Hash, int Height)>();
        for (long i = 0; i < log.Size; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var hash = MerkleTree.LeafHash(log.ReadLeaf(i));
            if (!hash.AsSpan().SequenceEqual(log.LeafHash(i)))
            {
                badLeaf = i;
                return MerkleTree.EmptyRoot();
            }

            var height = 0;
            while (stack.Count > 0 && stack[^1].Height == height)
            {
                hash = MerkleTree.NodeHash(stack[^1].Hash, hash);
                stack.RemoveAt(stack.Count - 1);
                height++;
            }

            stack.Add((hash, height));
        }

        if (stack.Count == 0)
        {
            return MerkleTree.EmptyRoot();
        }

        var root = stack[^1].Hash;
        for (var level = stack.Count - 2; level >= 0; level--)
        {
            root = MerkleTree.NodeHash(stack[level].Hash, root);
        }

        return root;
    }

    private static string? CheckProofs(TransparencyLog log, long size, byte[] root)
    {
        foreach (var index in new[] { 0, size / 2, size - 1 }.Where(i => i >= 0 && i < size).Distinct())
        {
            if (!MerkleTree.VerifyInclusion(index, size, log.LeafHash(index), log.InclusionProof(index, size), root))
            {
                return $"the inclusion proof of leaf {index} in the tree of {size} does not verify";
            }
        }

        foreach (var old in new[] { 1, size / 2, size - 1 }.Where(s => s >= 1 && s < size).Distinct())
        {
            if (!MerkleTree.VerifyConsistency(old, size, log.RootHash(old), root, log.ConsistencyProof(old, size)))
            {
                return $"the consistency proof from {old} to {size} leaves does not verify";
            }
        }

        return null;
    }

    /// <summary>Signs a head with the private key file and verifies it with the published public key.</summary>
    private static bool SignsForPinnedKey(string keyPath, byte[] spki, long size, byte[] root, DateTimeOffset now)
    {
        using var key = ECDsa.Create();
        var pkcs8 = File.ReadAllBytes(keyPath);
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        catch (CryptographicException)
        {
            throw new InvalidDataException($"{keyPath} is not a DER PKCS#8 ECDSA private key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        Span<byte> signed = stackalloc byte[SignedTreeHead.SignedBytesLength];
        SignedTreeHead.WriteSignedBytes(size, root, at, signed);
        var signature = key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var head = new SignedTreeHead(size, root, at, SignedTreeHead.KeyIdOf(key.ExportSubjectPublicKeyInfo()), signature);
        return head.Verify(spki);
    }
}
