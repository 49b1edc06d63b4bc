namespace Whisper.Server.Catalog;

/// <summary>
/// One page of a list endpoint. <see cref="Next"/> is the <c>after</c> value for the following page, or null
/// when this page was the last (it held fewer items than the limit).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? Next);
