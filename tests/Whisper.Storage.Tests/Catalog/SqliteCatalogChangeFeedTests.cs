using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

public sealed class SqliteCatalogChangeFeedTests : CatalogChangeFeedContractTests
{
    protected override StoreTarget CreateTarget() => new SqliteStoreTarget();
}
