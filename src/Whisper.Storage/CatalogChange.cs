namespace Whisper.Storage;

/// <summary>
/// One upserted catalog row, by position in the catalog change feed (<see cref="ICatalogStore.ReadChangesAsync"/>).
/// It says only which row changed: read the row's current state to apply it, so several changes to one key collapse.
/// <see cref="Key1"/> is the row's id, or the follower id for <see cref="CatalogTableKind.Follows"/>;
/// <see cref="Key2"/> is the creator id for follows and 0 for every other table.
/// </summary>
public readonly record struct CatalogChange(long Sequence, CatalogTableKind Table, long Key1, long Key2);
