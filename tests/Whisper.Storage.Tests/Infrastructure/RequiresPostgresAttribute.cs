namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>Marks a concrete contract-suite class that runs against PostgreSQL; its <see cref="ContractFactAttribute"/> tests follow the <see cref="PostgresFactAttribute"/> skip rule.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
