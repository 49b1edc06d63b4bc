using Xunit.Abstractions;
using Xunit.Sdk;

namespace Whisper.FeatureStore.Tests.Infrastructure;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests, skipping Redis classes when no server is configured.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var skip = type is not null && Attribute.IsDefined(type, typeof(RequiresRedisAttribute)) ? RedisTestEnvironment.SkipReason : null;
        return skip is null
            ? [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)]
            : [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip)];
    }
}
