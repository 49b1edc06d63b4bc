using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Events;

[RequiresPostgres]
public sealed class PostgresEventLogTests : EventLogContractTests
{
    protected override StoreTarget CreateTarget() => new PostgresStoreTarget();
}
