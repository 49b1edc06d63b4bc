using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

using Whisper.Server.Catalog;

namespace Whisper.Server.SecurityAlerts;

/// <summary>
/// Counts the items a request returned, for the detector's read-volume and bulk rules: a <see cref="Page{T}"/> counts
/// its items, any other JSON value one, anything else (problems, the feed's own writer) zero. An endpoint filter on the
/// API group records it in <see cref="HttpContext.Items"/>.
/// </summary>
internal static class ReturnedRows
{
    private const string Key = "whisper.rows";

    // Page<T> is generic over the item type; one property lookup per closed type, then cached.
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> PageItems = new();

    public static long Get(HttpContext context) => context.Items.TryGetValue(Key, out var rows) && rows is long count ? count : 0;

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        context.HttpContext.Items[Key] = Count(result);
        return result;
    }

    internal static long Count(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        if (result is not IValueHttpResult { Value: { } value } || result is ProblemHttpResult)
        {
            return 0;
        }

        var type = value.GetType();
        var items = PageItems.GetOrAdd(type, static t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Page<>) ? t.GetProperty(nameof(Page<int>.Items)) : null);
        return items?.GetValue(value) is ICollection collection ? collection.Count : 1;
    }
}
