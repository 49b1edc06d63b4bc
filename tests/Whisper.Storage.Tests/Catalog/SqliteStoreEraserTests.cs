using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

public sealed class SqliteStoreEraserTests : StoreEraserContractTests
{
    protected override StoreTarget CreateTarget() => new SqliteStoreTarget();
}
