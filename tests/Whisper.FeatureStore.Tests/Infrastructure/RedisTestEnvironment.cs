namespace Whisper.FeatureStore.Tests.Infrastructure;

/// <summary>
/// Where the Redis tests find their server: <c>WHISPER_TEST_REDIS</c> (host:port). Unset on a dev box, they skip with a
/// reason; unset under <c>CI=true</c>, they run and fail, so CI never passes by skipping them.
/// </summary>
public static class RedisTestEnvironment
{
    public const string Variable = "WHISPER_TEST_REDIS";

    public static string? Address =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why Redis tests skip here, or null when they must run.</summary>
    public static string? SkipReason =>
        Address is null && !IsCi
            ? $"Redis tests need {Variable}, e.g. redis-server --bind 127.0.0.1 --port 6390 --daemonize yes --save '' --appendonly no --dir /tmp && export {Variable}=127.0.0.1:6390 (under CI=true they run and fail instead of skipping)."
            : null;

    public static string RequireAddress() =>
        Address ?? throw new InvalidOperationException(
            $"CI=true but {Variable} is not set: start redis-server on loopback and export {Variable}=127.0.0.1:<port> (.ci/run does both).");
}
