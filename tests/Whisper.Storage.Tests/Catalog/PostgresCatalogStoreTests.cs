using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

[RequiresPostgres]
public sealed class PostgresCatalogStoreTests : CatalogStoreContractTests
{
    protected override StoreTarget CreateTarget() => new PostgresStoreTarget();
}
