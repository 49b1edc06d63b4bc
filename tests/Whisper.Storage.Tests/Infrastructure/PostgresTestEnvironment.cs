namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>
/// Where the PostgreSQL tests find their server: <c>WHISPER_TEST_POSTGRES</c>. Unset on a dev box, they skip
/// with a reason; unset under <c>CI=true</c>, they run and fail, so CI never passes by skipping them.
/// </summary>
public static class PostgresTestEnvironment
{
    public const string Variable = "WHISPER_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests skip here, or null when they must run.</summary>
    public static string? SkipReason =>
        ConnectionString is null && !IsCi
            ? $"PostgreSQL tests need {Variable}, e.g. export {Variable}='Host=127.0.0.1;Port=5433;Username=postgres' (under CI=true they run and fail instead of skipping)."
            : null;

    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException(
            $"CI=true but {Variable} is not set: start PostgreSQL and export {Variable}='Host=...;Port=...;Username=...' (.ci/run does both).");
}
