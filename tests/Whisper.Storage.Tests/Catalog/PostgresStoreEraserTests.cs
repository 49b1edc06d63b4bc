using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

[RequiresPostgres]
public sealed class PostgresStoreEraserTests : StoreEraserContractTests
{
    protected override StoreTarget CreateTarget() => new PostgresStoreTarget();
}
