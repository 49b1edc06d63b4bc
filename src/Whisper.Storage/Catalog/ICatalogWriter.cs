using Whisper.Storage.Events;

namespace Whisper.Storage.Catalog;

/// <summary>
/// A provider's way to upsert a validated batch into one catalog table in one transaction, together with one
/// <c>catalog_changes</c> row per upserted row, numbered in commit order (see docs/storage.md).
/// </summary>
internal interface ICatalogWriter : IAppendFaultHook
{
    Task UpsertAsync<T>(CatalogTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class;
}
