namespace Whisper.Storage.Catalog;

/// <summary>A provider's way to upsert a validated batch into one catalog table in one transaction.</summary>
internal interface ICatalogWriter
{
    Task UpsertAsync<T>(CatalogTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class;
}
