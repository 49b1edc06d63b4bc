namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>A fact that needs PostgreSQL: skipped with a reason when <see cref="PostgresTestEnvironment.SkipReason"/> says so.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresTestEnvironment.SkipReason;
    }
}
