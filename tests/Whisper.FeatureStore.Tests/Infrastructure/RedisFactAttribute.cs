namespace Whisper.FeatureStore.Tests.Infrastructure;

/// <summary>A fact that needs Redis: skipped with a reason when <see cref="RedisTestEnvironment.SkipReason"/> says so.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        Skip = RedisTestEnvironment.SkipReason;
    }
}
