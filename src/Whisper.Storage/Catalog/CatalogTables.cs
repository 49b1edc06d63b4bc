using System.Data.Common;
using System.Text.Json;

using Whisper.Core.Domain;

namespace Whisper.Storage.Catalog;

/// <summary>
/// The catalog's tables. Times are stored as Unix milliseconds (UTC, sub-millisecond ticks dropped);
/// <see cref="Video.Hashtags"/> is one text column holding a JSON array of strings, e.g. <c>["cooking","food"]</c>.
/// </summary>
internal static class CatalogTables
{
    public static CatalogTable<User> Users { get; } = new()
    {
        Name = "users",
        Kind = CatalogTableKind.Users,
        Columns = ["id", "handle", "declared_country", "signup_ip", "phone_country", "residence_country", "created_at"],
        KeyCount = 1,
        Write = static (u, v) =>
        {
            v[0] = u.Id;
            v[1] = u.Handle;
            v[2] = u.DeclaredCountry;
            v[3] = u.SignupIp;
            v[4] = u.PhoneCountry;
            v[5] = u.ResidenceCountry;
            v[6] = Ms(u.CreatedAt);
        },
        Read = static r => new User(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Time(r, 6)),
        Validate = static u => Id(u.Id) ?? Text(u.Handle, "handle") ?? Text(u.DeclaredCountry, "declaredCountry") ?? Text(u.SignupIp, "signupIp")
            ?? Text(u.PhoneCountry, "phoneCountry") ?? Text(u.ResidenceCountry, "residenceCountry"),
    };

    public static CatalogTable<Creator> Creators { get; } = new()
    {
        Name = "creators",
        Kind = CatalogTableKind.Creators,
        Columns = ["id", "user_id", "display_name", "home_country", "created_at"],
        KeyCount = 1,
        Write = static (c, v) =>
        {
            v[0] = c.Id;
            v[1] = c.UserId;
            v[2] = c.DisplayName;
            v[3] = c.HomeCountry;
            v[4] = Ms(c.CreatedAt);
        },
        Read = static r => new Creator(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Time(r, 4)),
        Validate = static c => Id(c.Id) ?? Text(c.DisplayName, "displayName") ?? Text(c.HomeCountry, "homeCountry"),
    };

    public static CatalogTable<Video> Videos { get; } = new()
    {
        Name = "videos",
        Kind = CatalogTableKind.Videos,
        Columns = ["id", "creator_id", "duration_ms", "created_at", "hashtags", "language", "origin_region"],
        KeyCount = 1,
        Write = static (x, v) =>
        {
            v[0] = x.Id;
            v[1] = x.CreatorId;
            v[2] = x.DurationMs;
            v[3] = Ms(x.CreatedAt);
            v[4] = JsonSerializer.Serialize(x.Hashtags);
            v[5] = x.Language;
            v[6] = x.OriginRegion;
        },
        Read = static r => new Video(
            r.GetInt64(0),
            r.GetInt64(1),
            r.GetInt32(2),
            Time(r, 3),
            JsonSerializer.Deserialize<string[]>(r.GetString(4)) ?? [],
            r.GetString(5),
            r.GetString(6)),
        Validate = static x => Id(x.Id) ?? (x.Hashtags is null ? "hashtags is null; pass an empty list" : null)
            ?? Text(x.Language, "language") ?? Text(x.OriginRegion, "originRegion"),
    };

    public static CatalogTable<Follow> Follows { get; } = new()
    {
        Name = "follows",
        Kind = CatalogTableKind.Follows,
        Columns = ["follower_id", "creator_id", "created_at"],
        KeyCount = 2,
        Write = static (f, v) =>
        {
            v[0] = f.FollowerId;
            v[1] = f.CreatorId;
            v[2] = Ms(f.CreatedAt);
        },
        Read = static r => new Follow(r.GetInt64(0), r.GetInt64(1), Time(r, 2)),
        Validate = static f => Id(f.FollowerId) ?? Id(f.CreatorId),
    };

    public static CatalogTable<LiveSession> LiveSessions { get; } = new()
    {
        Name = "live_sessions",
        Kind = CatalogTableKind.LiveSessions,
        Columns = ["id", "creator_id", "started_at", "ended_at", "peak_viewers"],
        KeyCount = 1,
        Write = static (s, v) =>
        {
            v[0] = s.Id;
            v[1] = s.CreatorId;
            v[2] = Ms(s.StartedAt);
            v[3] = s.EndedAt is { } ended ? Ms(ended) : DBNull.Value;
            v[4] = s.PeakViewers;
        },
        Read = static r => new LiveSession(r.GetInt64(0), r.GetInt64(1), Time(r, 2), r.IsDBNull(3) ? null : Time(r, 3), r.GetInt32(4)),
        Validate = static s => Id(s.Id),
    };

    public static CatalogTable<Product> Products { get; } = new()
    {
        Name = "products",
        Kind = CatalogTableKind.Products,
        Columns = ["id", "creator_id", "title", "price_minor", "currency"],
        KeyCount = 1,
        Write = static (p, v) =>
        {
            v[0] = p.Id;
            v[1] = p.CreatorId;
            v[2] = p.Title;
            v[3] = p.PriceMinor;
            v[4] = p.Currency;
        },
        Read = static r => new Product(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetString(4)),
        Validate = static p => Id(p.Id) ?? Text(p.Title, "title") ?? Text(p.Currency, "currency"),
    };

    public static CatalogTable<Order> Orders { get; } = new()
    {
        Name = "orders",
        Kind = CatalogTableKind.Orders,
        Columns = ["id", "user_id", "product_id", "quantity", "total_minor", "currency", "billing_country", "placed_at"],
        KeyCount = 1,
        Write = static (o, v) =>
        {
            v[0] = o.Id;
            v[1] = o.UserId;
            v[2] = o.ProductId;
            v[3] = o.Quantity;
            v[4] = o.TotalMinor;
            v[5] = o.Currency;
            v[6] = o.BillingCountry;
            v[7] = Ms(o.PlacedAt);
        },
        Read = static r => new Order(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt32(3), r.GetInt64(4), r.GetString(5), r.GetString(6), Time(r, 7)),
        Validate = static o => Id(o.Id) ?? Text(o.Currency, "currency") ?? Text(o.BillingCountry, "billingCountry"),
    };

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static string? Id(long id) => id > 0 ? null : $"has id {id}; ids must be positive";

    private static string? Text(string? value, string field) => value is null ? $"has a null {field}; pass a string (empty is allowed)" : null;
}
