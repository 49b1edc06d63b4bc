using System.Text.Json;
using System.Text.Json.Serialization;

using Whisper.Cutover.Cohorts;

namespace Whisper.Cutover.Control;

/// <summary>
/// Reads and writes the state file. A write goes to a temporary file in the same folder, is flushed to disk and renamed
/// over the old one, so a reader sees the old state or the new one, never a torn one. <see cref="Update"/> holds an
/// exclusive lock on <c>&lt;state&gt;.lock</c> around read-change-write, so the controller and an operator's CLI
/// never lose each other's change.
/// </summary>
public static class CutoverStateFile
{
    public const string Format = "whisper-cutover-state";

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    /// <summary>The state at <paramref name="path"/>, or the initial state (nothing moved) when there is no file yet.</summary>
    /// <exception cref="CutoverPlanException">The file is malformed, of another version, or belongs to another plan.</exception>
    public static CutoverState Load(string path, CutoverPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!File.Exists(path))
        {
            return CutoverState.Initial(plan.GroupId);
        }

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new CutoverPlanException(path, [$"not a readable state file ({e.Message}); restore it from the gateway log's last step, or delete it to start from nothing moved."]);
        }

        var problems = new List<string>();
        if (document is null || document.Format != Format)
        {
            problems.Add($"\"format\" must be \"{Format}\".");
        }
        else if (document.Version != CutoverState.CurrentVersion)
        {
            problems.Add($"state version {document.Version} is not supported; this build reads version {CutoverState.CurrentVersion}.");
        }
        else if (document.GroupId != plan.GroupId)
        {
            problems.Add($"the state belongs to group '{document.GroupId}', the plan is '{plan.GroupId}'; pass the matching --state.");
        }
        else if (document.StepsApplied < 0 || document.StepsApplied > plan.Steps.Count)
        {
            problems.Add($"\"steps_applied\" is {document.StepsApplied}; the plan has {plan.Steps.Count} steps.");
        }

        return problems.Count > 0
            ? throw new CutoverPlanException(path, problems)
            : new CutoverState(document!.GroupId, document.StepsApplied, document.Phase, document.PhaseReason, document.ConsecutiveFailures, document.Revision, document.History ?? []);
    }

    /// <summary>Writes <paramref name="state"/> atomically.</summary>
    public static void Save(string path, CutoverState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var document = new Document(Format, CutoverState.CurrentVersion, state.GroupId, state.StepsApplied, state.Phase, state.PhaseReason, state.ConsecutiveFailures, state.Revision, [.. state.History]);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                JsonSerializer.Serialize(stream, document, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Under the lock: loads the state, applies <paramref name="change"/> (null means no change) and saves the result
    /// with the revision raised. Returns the state now in force.
    /// </summary>
    public static CutoverState Update(string path, CutoverPlan plan, Func<CutoverState, CutoverState?> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var held = AcquireLock(full + ".lock");
        var current = Load(full, plan);
        var next = change(current);
        if (next is null)
        {
            return current;
        }

        next = next with { Revision = current.Revision + 1 };
        Save(full, next);
        return next;
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = Environment.TickCount64 + (long)LockWait.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(20); // another writer holds the lock for a few milliseconds
            }
        }
    }

    private sealed record Document(
        string Format,
        int Version,
        string GroupId,
        int StepsApplied,
        CutoverPhase Phase,
        string? PhaseReason,
        int ConsecutiveFailures,
        long Revision,
        List<CutoverHistoryEntry>? History);
}
