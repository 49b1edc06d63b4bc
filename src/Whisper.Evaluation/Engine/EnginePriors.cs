using Whisper.Core.Domain;
using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// The serving priors the engine has in production besides the model, computed from a training set as of its last
/// event: time-decayed popularity of each video (the trending source's idea: each positive adds 2^−age/halfLife) at
/// several half-lives, and which creators each user followed (follow events of the training set — the catalog's
/// follow table is the final state and would leak later follows).
/// </summary>
internal sealed class EnginePriors
{
    /// <summary>Half-lives of the decayed-popularity features, fixed a priori: the trending source's 6 h, a day, a week.</summary>
    public static readonly TimeSpan[] HalfLives = [TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    /// <summary>Per item, <c>ln(1 + decayed count)</c> per half-life: item-major, <see cref="HalfLives"/> per item.</summary>
    public float[] LogPopularity { get; }

    /// <summary>Per user, followed creator indexes (ascending), empty for most users.</summary>
    public int[][] Follows { get; }

    /// <summary>Time of the last training event (Unix ms): the "now" of the priors.</summary>
    public long NowMs { get; }

    private EnginePriors(float[] logPopularity, int[][] follows, long nowMs) =>
        (LogPopularity, Follows, NowMs) = (logPopularity, follows, nowMs);

    public static EnginePriors Compute(TrainingSet training)
    {
        var dataset = training.Dataset;
        var events = dataset.Events;
        var indexes = training.EventIndexes;
        var now = long.MinValue;
        foreach (var i in indexes)
        {
            now = Math.Max(now, events[i].TimeMs);
        }

        var h = HalfLives.Length;
        var counts = new double[(long)dataset.ItemCount * h];
        var follows = new List<int>?[dataset.UserCount];
        foreach (var i in indexes)
        {
            ref readonly var e = ref events[i];
            if (e.IsPositive)
            {
                var age = Math.Max(0, now - e.TimeMs);
                for (var k = 0; k < h; k++)
                {
                    counts[(e.Item * h) + k] += double.Exp2(-age / HalfLives[k].TotalMilliseconds);
                }
            }

            if (e.Kind == EventKind.Follow && dataset.CreatorOf(e.Item) is var creator and >= 0)
            {
                (follows[e.User] ??= []).Add(creator);
            }
        }

        var log = new float[counts.Length];
        for (var j = 0; j < counts.Length; j++)
        {
            log[j] = (float)Math.Log(1 + counts[j]);
        }

        var lists = new int[dataset.UserCount][];
        for (var u = 0; u < lists.Length; u++)
        {
            lists[u] = follows[u] is { } list ? [.. list.Distinct().Order()] : [];
        }

        return new EnginePriors(log, lists, now);
    }

    /// <summary>Whether <paramref name="user"/> followed <paramref name="creator"/> (a dense creator index, −1 = none).</summary>
    public bool FollowsCreator(int user, int creator) =>
        creator >= 0 && Follows[user].Length > 0 && Array.BinarySearch(Follows[user], creator) >= 0;
}
