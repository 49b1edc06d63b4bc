using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

[RequiresPostgres]
public sealed class PostgresCatalogChangeFeedTests : CatalogChangeFeedContractTests
{
    protected override StoreTarget CreateTarget() => new PostgresStoreTarget();
}
