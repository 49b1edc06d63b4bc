using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

public sealed class SqliteCatalogStoreTests : CatalogStoreContractTests
{
    protected override StoreTarget CreateTarget() => new SqliteStoreTarget();
}
