namespace Whisper.Core.Domain;

/// <summary>A user's purchase of a product. <see cref="BillingCountry"/> is a residency signal.</summary>
public sealed record Order(
    long Id,
    long UserId,
    long ProductId,
    int Quantity,
    long TotalMinor,
    string Currency,
    string BillingCountry,
    DateTimeOffset PlacedAt);
