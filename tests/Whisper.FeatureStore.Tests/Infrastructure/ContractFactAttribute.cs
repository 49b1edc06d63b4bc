using Xunit.Sdk;

namespace Whisper.FeatureStore.Tests.Infrastructure;

/// <summary>
/// A fact in an abstract contract suite. An attribute on a base-class method cannot know which provider the concrete
/// class targets, so <see cref="ContractFactDiscoverer"/> decides per class: classes marked
/// <see cref="RequiresRedisAttribute"/> skip exactly when a <see cref="RedisFactAttribute"/> would.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Whisper.FeatureStore.Tests.Infrastructure.ContractFactDiscoverer", "Whisper.FeatureStore.Tests")]
public sealed class ContractFactAttribute : FactAttribute;
