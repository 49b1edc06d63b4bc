using System.Globalization;

using Microsoft.AspNetCore.Http.HttpResults;

using Whisper.Server.Errors;

namespace Whisper.Server.Catalog;

/// <summary>Parses <c>after</c> and <c>limit</c> query values; bad values become a 400 naming the parameter and range.</summary>
internal static class Paging
{
    public static bool TryParse(string? after, string? limit, WhisperServerSettings settings, out long afterId, out int count, out ProblemHttpResult? problem)
    {
        afterId = 0;
        count = settings.DefaultPageSize;
        problem = null;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterId)))
        {
            problem = Problems.BadPaging("after must be a non-negative integer (the last id or sequence of the previous page; 0 for the start).");
            return false;
        }

        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > settings.MaxPageSize))
        {
            problem = Problems.BadPaging($"limit must be an integer from 1 to {settings.MaxPageSize}.");
            return false;
        }

        return true;
    }

    public static Page<T> ToPage<T>(IReadOnlyList<T> items, int limit, Func<T, long> position) =>
        new(items, items.Count == limit && items.Count > 0 ? position(items[^1]) : null);
}
