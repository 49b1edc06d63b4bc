using Xunit.Sdk;

namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>
/// A fact in an abstract contract suite. An attribute on a base-class method cannot know which provider the
/// concrete class targets, so <see cref="ContractFactDiscoverer"/> decides per class: classes marked
/// <see cref="RequiresPostgresAttribute"/> skip exactly when a <see cref="PostgresFactAttribute"/> would.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Whisper.Storage.Tests.Infrastructure.ContractFactDiscoverer", "Whisper.Storage.Tests")]
public sealed class ContractFactAttribute : FactAttribute;
