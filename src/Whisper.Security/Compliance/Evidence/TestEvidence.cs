namespace Whisper.Security.Compliance.Evidence;

/// <summary>
/// A test that must exist under <c>tests/</c>: a method marked <c>[Fact]</c> or <c>[Theory]</c> and not skipped, named
/// <c>Method</c> or <c>Class.Method</c>. It proves the behaviour is tested, not that the test passed: CI runs the tests.
/// </summary>
public sealed record TestEvidence(string Name, string? Description, int Line) : EvidenceItem(Description, Line)
{
    public override string Kind => "test";

    public override string Target => Name;

    public override ValueTask<EvidenceResult> CheckAsync(EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = context.Tests;
        if (!index.Exists)
        {
            return ValueTask.FromResult(EvidenceResult.Missing($"no {TestIndex.TestsFolder}/ folder under the root, so no test can be found"));
        }

        var dot = Name.LastIndexOf('.');
        var method = dot < 0 ? Name : Name[(dot + 1)..];
        var type = dot < 0 ? null : Name[..dot];
        var found = index.Find(method).Where(t => type is null || t.Class == type).ToList();
        if (found.Count == 0)
        {
            return ValueTask.FromResult(EvidenceResult.Missing($"no [Fact] or [Theory] method {Name} under {TestIndex.TestsFolder}/"));
        }

        var active = found.FirstOrDefault(t => !t.Skipped);
        return ValueTask.FromResult(active is null
            ? EvidenceResult.Fail($"{found[0].Class}.{method} in {found[0].File} is skipped")
            : EvidenceResult.Pass($"{active.Class}.{method} in {active.File}"));
    }
}
