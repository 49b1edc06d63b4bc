namespace Whisper.Storage;

/// <summary>
/// Which catalog table a <see cref="CatalogChange"/> touched. The values are stored on disk
/// (<c>catalog_changes.table_kind</c>): never renumber them, only add new ones.
/// </summary>
public enum CatalogTableKind : byte
{
    Users = 1,
    Creators = 2,
    Videos = 3,
    Follows = 4,
    LiveSessions = 5,
    Products = 6,
    Orders = 7,
}
