using Whisper.Core.Domain;

namespace Whisper.Fork.Tests.Residency;

/// <summary>Test users: 23.32.x.x is US and 46.80.x.x is DE in the synthetic geography.</summary>
internal static class Users
{
    public const string UsIp = "23.32.1.1";
    public const string DeIp = "46.80.1.1";
    public const string MxIp = "187.188.1.1";

    private static readonly DateTimeOffset Created = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static User Make(long id, string declared, string ip, string phone, string residence) =>
        new(id, $"user{id}", declared, ip, phone, residence, Created);

    public static User Us(long id) => Make(id, "US", UsIp, "US", "US");

    public static User German(long id) => Make(id, "DE", DeIp, "DE", "DE");

    /// <summary>Declared US and lives in the US, but a Mexican phone and a Mexican sign-up IP: 1.5 of 2.25 in region (67%).</summary>
    public static User Split(long id) => Make(id, "US", MxIp, "MX", "US");
}
