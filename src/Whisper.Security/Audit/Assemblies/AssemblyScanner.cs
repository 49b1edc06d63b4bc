using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

using Whisper.Security.Audit.Detectors;
using Whisper.Security.Audit.Rules;
using Whisper.Security.Audit.Scanning;

namespace Whisper.Security.Audit.Assemblies;

/// <summary>
/// Scans a .NET assembly without loading it (System.Reflection.Metadata): walks every method body's IL, and for each
/// <c>ldstr</c> literal runs the endpoint, obfuscation, secret and literal-pattern checks, naming it by what the next few
/// instructions do with it (the field it is stored in, the member it is passed to). A literal passed to an HTTP member
/// listed by an endpoint-call rule is a data-collection call. Calls to members listed by pattern rules are findings too
/// (<c>Assembly.Load(System.Byte[])</c>; a certificate callback setter fed a delegate whose body is <c>return true</c>).
/// User strings no method body loads are scanned last, with no name. One instance per thread.
/// </summary>
internal sealed partial class AssemblyScanner
{
    /// <summary>A literal is linked to a store or call this many instructions after it at most (argument set-up is short).</summary>
    private const int ContextReach = 8;

    private readonly ScanPlan plan;
    private readonly LanguagePlan language;
    private readonly Dictionary<string, List<(int Rule, RulePattern Pattern, string Member)>> memberPatterns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Rule, string Member)>> callMembers = new(StringComparer.Ordinal);
    private readonly List<EndpointHit> hits = [];
    private readonly List<EndpointHit> decodedHits = [];
    private readonly List<EncodedBlob> blobs = [];
    private readonly HashSet<int> loaded = [];
    private readonly Dictionary<int, string> memberNames = [];

    private List<AuditFinding> findings = [];
    private string path = "";
    private ulong active;
    private MetadataReader reader = null!;
    private long userStringBase;

    public AssemblyScanner(ScanPlan plan)
    {
        this.plan = plan;
        language = plan.For(AuditLanguage.Assembly);
        foreach (var (rule, pattern) in language.AssemblyPatterns)
        {
            foreach (var member in pattern.Members)
            {
                Add(memberPatterns, Bare(member), (rule, pattern, member));
            }
        }

        foreach (var (rule, pattern) in language.Calls)
        {
            foreach (var member in pattern.Members)
            {
                Add(callMembers, Bare(member), (rule, member));
            }
        }
    }

    /// <summary>Scans the assembly in <paramref name="image"/>; returns why it was skipped, or null.</summary>
    public string? Scan(string relativePath, byte[] image, int length, List<AuditFinding> output)
    {
        active = plan.ActiveRules(AuditLanguage.Assembly, relativePath);
        if (active == 0)
        {
            return null;
        }

        path = relativePath;
        findings = output;
        loaded.Clear();
        memberNames.Clear();
        try
        {
            using var pe = new PEReader(new MemoryStream(image, 0, length, writable: false), PEStreamOptions.PrefetchEntireImage);
            if (!pe.HasMetadata)
            {
                return "skipped: a native image, not a .NET assembly";
            }

            reader = pe.GetMetadataReader();
            userStringBase = pe.PEHeaders.MetadataStartOffset + reader.GetHeapMetadataOffset(HeapIndex.UserString);
            foreach (var handle in reader.MethodDefinitions)
            {
                var method = reader.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress != 0)
                {
                    WalkMethod(pe, handle, method);
                }
            }

            ScanUnloadedStrings();
            return null;
        }
        catch (BadImageFormatException e)
        {
            return $"skipped: not a readable PE/.NET image ({e.Message.TrimEnd('.')})";
        }
        finally
        {
            reader = null!;
        }
    }

    private void ScanUnloadedStrings()
    {
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            var offset = MetadataTokens.GetHeapOffset(handle);
            if (!loaded.Contains(offset))
            {
                var value = reader.GetUserString(handle);
                ScanLiteral(new Literal(value, offset, default), name: "", callRule: -1);
            }

            handle = reader.GetNextHandle(handle);
        }
    }

    /// <summary>A called member's name, decoded once per token per assembly (a large assembly calls the same few thousand members a hundred thousand times).</summary>
    private string MemberName(EntityHandle target)
    {
        var token = MemberNames.Token(target);
        if (!memberNames.TryGetValue(token, out var name))
        {
            memberNames[token] = name = MemberNames.Member(reader, target);
        }

        return name;
    }

    private bool IsActive(int rule) => (active & (1UL << rule)) != 0;

    private static string Bare(string member)
    {
        var paren = member.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? member : member[..paren];
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    /// <summary>A user string loaded by <c>ldstr</c> (or found in the heap), with the method that loads it.</summary>
    private readonly record struct Literal(string Value, int HeapOffset, MethodDefinitionHandle Method);
}
