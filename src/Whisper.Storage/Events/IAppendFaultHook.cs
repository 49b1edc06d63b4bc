namespace Whisper.Storage.Events;

/// <summary>
/// Test seam: runs after every row of a batch is written inside its transaction and before the commit, so
/// tests can fail or cancel an append (or a catalog upsert with its change-feed rows) mid-write and check that
/// nothing of it is stored.
/// </summary>
internal interface IAppendFaultHook
{
    Action? BeforeCommit { get; set; }
}
