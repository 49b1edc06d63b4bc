namespace Whisper.FeatureStore.Tests.Infrastructure;

/// <summary>Marks a concrete contract-suite class that runs against Redis; its <see cref="ContractFactAttribute"/> tests follow the <see cref="RedisFactAttribute"/> skip rule.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresRedisAttribute : Attribute;
