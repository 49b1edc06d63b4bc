namespace Whisper.Storage.Erasure;

/// <summary>
/// The erasure statements shared by both providers. Each deletes with <c>RETURNING</c> the row's change-feed keys, so
/// the provider numbers one <c>catalog_changes</c> row per deleted row in the same transaction. <paramref name="idSet"/>
/// is the provider's way to name a bound id list as a subquery (<c>json_each</c> on SQLite, <c>unnest</c> on PostgreSQL):
/// both engines build it once per statement, so the delete is one pass over the table's key or index.
/// </summary>
internal static class ErasureSql
{
    /// <summary>One delete: its table's change kind and SQL that returns (key1, key2) per deleted row.</summary>
    public readonly record struct Step(CatalogTableKind Kind, string Sql);

    /// <summary>Steps in dependency order (children before their parents); <c>{users}</c>/<c>{creators}</c> are the id sets.</summary>
    public static IReadOnlyList<Step> CatalogSteps(string prefix, ErasureRules rules, string users, string creators)
    {
        var steps = new List<Step>();
        var followWhere = rules.Follows ? $"follower_id IN {users} OR creator_id IN {creators}" : $"creator_id IN {creators}";
        steps.Add(new(CatalogTableKind.Follows, $"DELETE FROM {prefix}follows WHERE {followWhere} RETURNING follower_id, creator_id"));
        if (rules.Orders)
        {
            steps.Add(new(CatalogTableKind.Orders, $"DELETE FROM {prefix}orders WHERE user_id IN {users} RETURNING id, 0"));
        }

        if (rules.Videos)
        {
            steps.Add(new(CatalogTableKind.Videos, $"DELETE FROM {prefix}videos WHERE creator_id IN {creators} RETURNING id, 0"));
        }

        if (rules.LiveSessions)
        {
            steps.Add(new(CatalogTableKind.LiveSessions, $"DELETE FROM {prefix}live_sessions WHERE creator_id IN {creators} RETURNING id, 0"));
        }

        if (rules.Products)
        {
            steps.Add(new(CatalogTableKind.Products, $"DELETE FROM {prefix}products WHERE creator_id IN {creators} RETURNING id, 0"));
        }

        steps.Add(new(CatalogTableKind.Creators, $"DELETE FROM {prefix}creators WHERE id IN {creators} RETURNING id, 0"));
        steps.Add(new(CatalogTableKind.Users, $"DELETE FROM {prefix}users WHERE id IN {users} RETURNING id, 0"));
        return steps;
    }

    public static void CheckIds(IReadOnlyList<long> ids, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(ids, parameterName);
        if (ids.Count > IStoreEraser.MaxIdsPerCall)
        {
            throw new ArgumentException($"{parameterName} holds {ids.Count} ids; at most {IStoreEraser.MaxIdsPerCall} per call — erase in batches.", parameterName);
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] <= 0)
            {
                throw new ArgumentException($"{parameterName}[{i}] is {ids[i]}; ids are positive. Nothing was erased.", parameterName);
            }
        }
    }

    public static void CheckWindow(IReadOnlyList<long> userIds, long afterSequence, long upToSequence)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        if (upToSequence < afterSequence)
        {
            throw new ArgumentException($"the window ({afterSequence}, {upToSequence}] is empty backwards; pass upToSequence >= afterSequence.", nameof(upToSequence));
        }

        for (var i = 0; i < userIds.Count; i++)
        {
            if (userIds[i] <= 0)
            {
                throw new ArgumentException($"userIds[{i}] is {userIds[i]}; ids are positive. Nothing was erased.", nameof(userIds));
            }
        }
    }

    /// <summary>Adds <paramref name="rows"/> deleted rows to the per-table tally.</summary>
    public static CatalogErasure Add(CatalogErasure tally, CatalogTableKind kind, long rows) => kind switch
    {
        CatalogTableKind.Users => tally with { Users = tally.Users + rows },
        CatalogTableKind.Creators => tally with { Creators = tally.Creators + rows },
        CatalogTableKind.Videos => tally with { Videos = tally.Videos + rows },
        CatalogTableKind.Follows => tally with { Follows = tally.Follows + rows },
        CatalogTableKind.LiveSessions => tally with { LiveSessions = tally.LiveSessions + rows },
        CatalogTableKind.Products => tally with { Products = tally.Products + rows },
        CatalogTableKind.Orders => tally with { Orders = tally.Orders + rows },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a catalog table"),
    };
}
