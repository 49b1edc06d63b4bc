namespace Whisper.Fork.Purge;

/// <summary>
/// A resident's record verify-purge could still read: <see cref="Where"/> is the store, a checkpoint or backup file, or
/// the online store; <see cref="Table"/> the table or kind of record; <see cref="Key"/> which one.
/// </summary>
public sealed record PurgeSurvivor(string Where, string Table, string Key, string Detail)
{
    public override string ToString() => $"{Where}: {Table} {Key} ({Detail})";
}

/// <summary>What verify-purge scanned and found. <see cref="Survivors"/> lists the first <see cref="PurgeVerifier.MaxNamed"/>; <see cref="SurvivorCount"/> counts all.</summary>
public sealed record PurgeVerifyReport(long RecordsScanned, long SurvivorCount, IReadOnlyList<PurgeSurvivor> Survivors, long ShreddedFrames)
{
    public bool Clean => SurvivorCount == 0;
}
