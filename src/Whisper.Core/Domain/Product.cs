namespace Whisper.Core.Domain;

/// <summary>A shop product sold by a creator. Prices are in minor units (cents) to stay exact.</summary>
public sealed record Product(long Id, long CreatorId, string Title, long PriceMinor, string Currency);
