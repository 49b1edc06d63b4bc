using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Events;

public sealed class SqliteEventLogTests : EventLogContractTests
{
    protected override StoreTarget CreateTarget() => new SqliteStoreTarget();
}
