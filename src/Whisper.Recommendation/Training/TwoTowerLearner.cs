using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Training;

/// <summary>
/// Turns logged events into weighted logistic-loss steps on a <see cref="TwoTowerModel"/> (Adagrad). Single-threaded
/// and allocation-free per event; every random draw is keyed by (seed, event sequence), every clock reading is the
/// event-time watermark, so the parameters after event n depend only on the log prefix 1..n.
/// <para>
/// Labels: view with watch ≥ LongWatchFraction·duration → positive; like, share, comment, follow → positive;
/// skip and shorter views → negative; each positive also draws NegativesPerPositive videos from the exposure pool
/// as weighted negatives. Impressions and purchases carry no label.
/// </para>
/// </summary>
internal sealed class TwoTowerLearner
{
    private const long HourMs = 3_600_000;
    private const long DayMs = 24 * HourMs;

    private readonly TwoTowerModel _model;
    private readonly TwoTowerOptions _o;
    private readonly CatalogView _catalog;
    private readonly int _d;
    private readonly float[] _user;
    private readonly float[] _video;
    private readonly float[] _userGradient;
    private readonly float[] _positiveVideo;
    private readonly int[] _topicRows = new int[TwoTowerModel.MaxTopicsPerVideo];
    private readonly int[] _positiveTopicRows = new int[TwoTowerModel.MaxTopicsPerVideo];
    private readonly float[] _positiveTopicGradient = new float[TwoTowerModel.MaxTopicsPerVideo];
    private readonly float _l2;
    private readonly bool _pairwise;
    private readonly long _sweepIntervalMs;
    private readonly ulong _seedHash;

    private long _events;
    private long _examples;
    private long _positives;
    private long _negatives;
    private long _sampledNegatives;
    private long _unknownVideos;
    private long _ignored;

    public TwoTowerLearner(TwoTowerModel model)
    {
        _model = model;
        _o = model.Options;
        _catalog = model.Catalog;
        _d = _o.Dimension;
        _user = new float[_d];
        _video = new float[_d];
        _userGradient = new float[_d];
        _positiveVideo = new float[_d];
        _sweepIntervalMs = (long)_o.SweepInterval.TotalMilliseconds;
        _seedHash = IdHash.Mix(_o.Seed);
        _l2 = _o.L2;
        _pairwise = _o.Loss == TrainingLoss.Pairwise;
        Pool = new NegativePool(_o.NegativePoolSize, _o.NegativeSampling == NegativeSampling.Uniform);
    }

    public TwoTowerModel Model => _model;

    /// <summary>Receives every video id whose tower a step changed; null when nobody listens.</summary>
    public HashSet<long>? Changed { get; set; }

    public NegativePool Pool { get; }

    /// <summary>Highest event time seen (Unix ms): the clock for admission, TTL and sweeps.</summary>
    public long Watermark { get; set; } = long.MinValue;

    public long NextSweepAt { get; set; } = long.MinValue;

    public TrainerStats Stats
    {
        get => new(_events, _examples, _positives, _negatives, _sampledNegatives, _unknownVideos, _ignored);
        set => (_events, _examples, _positives, _negatives, _sampledNegatives, _unknownVideos, _ignored) =
            (value.Events, value.Examples, value.Positives, value.Negatives, value.SampledNegatives, value.UnknownVideos, value.Ignored);
    }

    public void Apply(in LoggedEvent logged) => Apply(logged, 0);

    /// <summary>
    /// Applies one event. <paramref name="pass"/> is 0 in the online pass; later offline epochs
    /// (<see cref="OnlineTrainerOptions.Epochs"/>) pass 1, 2, … so their negative draws differ from the first pass's.
    /// </summary>
    public void Apply(in LoggedEvent logged, int pass)
    {
        _events++;
        var e = logged.Event;
        if (!TryLabel(e.Kind, out var positive, out var weight, out var exposure))
        {
            _ignored++;
            return;
        }

        if (!_catalog.TryGetVideo(e.VideoId, out var facts))
        {
            _unknownVideos++;
            return;
        }

        var now = e.OccurredAt.ToUnixTimeMilliseconds();
        if (now > Watermark)
        {
            Watermark = now;
        }

        if (Watermark >= NextSweepAt)
        {
            _model.Users.Sweep(Watermark);
            _model.Videos.Sweep(Watermark);
            _model.History.Sweep(Watermark);
            NextSweepAt = Watermark + _sweepIntervalMs;
        }

        if (e.Kind == EventKind.View)
        {
            positive = e.WatchTimeMs >= _o.LongWatchFraction * facts.DurationMs;
            weight = positive ? _o.LongWatchWeight : _o.ShortViewWeight;
        }

        if (positive)
        {
            _positives++;
        }
        else
        {
            _negatives++;
        }

        if (weight > 0)
        {
            Train(logged.Sequence, pass, e.UserId, facts, now, positive, weight);
        }

        if (exposure)
        {
            Pool.Add(facts.Id);
        }
    }

    private bool TryLabel(EventKind kind, out bool positive, out float weight, out bool exposure)
    {
        exposure = kind is EventKind.View or EventKind.Skip;
        (positive, weight) = kind switch
        {
            EventKind.View => (true, 0f), // decided by watch ratio once the duration is known
            EventKind.Skip => (false, _o.SkipWeight),
            EventKind.Like => (true, _o.LikeWeight),
            EventKind.Share => (true, _o.ShareWeight),
            EventKind.Comment => (true, _o.CommentWeight),
            EventKind.Follow => (true, _o.FollowWeight),
            _ => (false, -1f),
        };
        return weight >= 0;
    }

    private void Train(long sequence, int pass, long userId, VideoFacts facts, long eventMs, bool positive, float weight)
    {
        var m = _model;
        var lr = _o.LearningRate;
        var now = Watermark;
        var u = _user.AsSpan();
        var gu = _userGradient.AsSpan();

        // User tower: rows are admitted (or counted) here; a missing row contributes nothing and learns nothing.
        var userRow = m.Users.Touch(userId, now, out var r) is AdmissionStatus.Present or AdmissionStatus.Admitted ? r : -1;
        var regionRow = m.Regions.Touch(TwoTowerModel.RegionKey(_catalog.RegionOfUser(userId)), now, out r) is AdmissionStatus.Present or AdmissionStatus.Admitted ? r : -1;
        var hourOfDay = (int)((((eventMs % DayMs) + DayMs) % DayMs) / HourMs);
        var hourRow = m.Hours.Touch(TwoTowerModel.HourKey(hourOfDay), now, out r) is AdmissionStatus.Present or AdmissionStatus.Admitted ? r : -1;
        // Recent history: read before this event updates it (an example never sees its own video in h); an input, not
        // a parameter, so no gradient flows into it.
        var historyRow = _o.HistoryDecay > 0 && m.History.TryGetRow(userId, out r) ? r : -1;
        u.Clear();
        AddRow(u, m.Users, userRow);
        AddRow(u, m.Regions, regionRow);
        AddRow(u, m.Hours, hourRow);
        AddRow(u, m.History, historyRow);
        gu.Clear();

        // The labelled pair.
        var videoRow = m.Videos.Touch(facts.Id, now, out r) is AdmissionStatus.Present or AdmissionStatus.Admitted ? r : -1;
        var creatorRow = m.Creators.Touch(facts.CreatorId, now, out r) is AdmissionStatus.Present or AdmissionStatus.Admitted ? r : -1;
        var topics = Math.Min(facts.TopicKeys.Length, TwoTowerModel.MaxTopicsPerVideo);
        for (var i = 0; i < topics; i++)
        {
            _topicRows[i] = m.Topics.Touch(facts.TopicKeys[i], now, out r) is AdmissionStatus.Present or AdmissionStatus.Admitted ? r : -1;
        }

        if (positive && _pairwise)
        {
            PairwiseSteps(sequence, pass, facts, videoRow, creatorRow, topics, weight, lr);
        }
        else
        {
            Step(facts.Id, videoRow, creatorRow, topics, positive ? 1f : 0f, weight, lr);
            _examples++;
            if (positive)
            {
                _video.CopyTo(_positiveVideo); // the positive's tower as scored, before its update: the history input
            }
        }

        // Sampled negatives: drawn from a stream keyed by (seed, sequence[, pass]), never from a shared clock or thread.
        if (positive && !_pairwise && _o.NegativesPerPositive > 0)
        {
            var state = NegativeStream(sequence, pass);
            for (var j = 0; j < _o.NegativesPerPositive; j++)
            {
                var negative = Pool.Sample(ref state);
                if (negative == 0 || negative == facts.Id || !_catalog.TryGetVideo(negative, out var other))
                {
                    continue;
                }

                var nv = m.Videos.TryGetRow(other.Id, out r) ? r : -1;
                var nc = m.Creators.TryGetRow(other.CreatorId, out r) ? r : -1;
                var nt = Math.Min(other.TopicKeys.Length, TwoTowerModel.MaxTopicsPerVideo);
                for (var i = 0; i < nt; i++)
                {
                    _topicRows[i] = m.Topics.TryGetRow(other.TopicKeys[i], out r) ? r : -1;
                }

                Step(other.Id, nv, nc, nt, 0f, _o.SampledNegativeWeight, lr);
                _sampledNegatives++;
                _examples++;
            }
        }

        // User side last, with the summed gradient of the pair and its negatives (all computed against one u).
        AdagradRow(m.Users, userRow, gu, lr);
        AdagradRow(m.Regions, regionRow, gu, lr);
        AdagradRow(m.Hours, hourRow, gu, lr);

        if (positive && _o.HistoryDecay > 0)
        {
            UpdateHistory(userId, now);
        }
    }

    private ulong NegativeStream(long sequence, int pass)
    {
        var key = pass == 0 ? sequence : sequence ^ (pass * unchecked((long)0xD1B54A32D192ED03UL));
        return IdHash.Mix(key ^ (long)_seedHash);
    }

    /// <summary>
    /// BPR steps for one positive: each sampled negative n (same stream as the pointwise negatives) adds
    /// −w·log σ(s_pos − s_n). All pairs are scored against the parameters as they were before the event (the positive's
    /// tower is updated once, after the negatives, with the summed gradient); a creator or topic row shared by the
    /// positive and a negative gets the net gradient of the pair. The global bias cancels and is not trained.
    /// </summary>
    private void PairwiseSteps(long sequence, int pass, VideoFacts facts, int videoRow, int creatorRow, int topics, float weight, float lr)
    {
        var m = _model;
        var positiveScore = Forward(videoRow, creatorRow, topics, _topicRows, _positiveVideo);
        _topicRows.AsSpan(0, topics).CopyTo(_positiveTopicRows);
        var positiveTopicScale = topics > 0 ? 1f / topics : 0f;
        var topicGradient = _positiveTopicGradient.AsSpan(0, topics);
        topicGradient.Clear();
        float videoGradient = 0, creatorGradient = 0;
        _examples++;
        var state = NegativeStream(sequence, pass);
        for (var j = 0; j < _o.NegativesPerPositive; j++)
        {
            var negative = Pool.Sample(ref state);
            if (negative == 0 || negative == facts.Id || !_catalog.TryGetVideo(negative, out var other))
            {
                continue;
            }

            var nv = m.Videos.TryGetRow(other.Id, out var r) ? r : -1;
            var nc = m.Creators.TryGetRow(other.CreatorId, out r) ? r : -1;
            var nt = Math.Min(other.TopicKeys.Length, TwoTowerModel.MaxTopicsPerVideo);
            for (var i = 0; i < nt; i++)
            {
                _topicRows[i] = m.Topics.TryGetRow(other.TopicKeys[i], out r) ? r : -1;
            }

            _sampledNegatives++;
            _examples++;
            var negativeScore = Forward(nv, nc, nt, _topicRows, _video);
            // ∂/∂s_pos of −w·log σ(s_pos − s_neg) = −w·σ(s_neg − s_pos); ∂/∂s_neg is its negation.
            var g = -weight * Sigmoid(negativeScore - positiveScore);
            if (g == 0f)
            {
                continue;
            }

            VectorMath.AddScaled(_userGradient, _positiveVideo, g);
            VectorMath.AddScaled(_userGradient, _video, -g);
            videoGradient += g;
            if (nv >= 0)
            {
                UpdateWithBias(m.Videos, nv, -g, lr);
            }

            if (nc < 0 || nc != creatorRow) // a creator shared by the pair gets their net gradient: none
            {
                creatorGradient += g;
                UpdateWithBias(m.Creators, nc, -g, lr);
            }

            for (var i = 0; i < topics; i++)
            {
                topicGradient[i] += g * positiveTopicScale;
            }

            var negativeTopicScale = nt > 0 ? 1f / nt : 0f;
            for (var i = 0; i < nt; i++)
            {
                var row = _topicRows[i];
                if (row < 0)
                {
                    continue;
                }

                var shared = _positiveTopicRows.AsSpan(0, topics).IndexOf(row);
                if (shared >= 0)
                {
                    topicGradient[shared] -= g * negativeTopicScale;
                }
                else
                {
                    AdagradVector(m.Topics.MutableWeights(row), m.Topics.Accumulators(row), _user, -g * negativeTopicScale, lr);
                }
            }

            Changed?.Add(other.Id);
        }

        if (videoGradient == 0f)
        {
            return;
        }

        UpdateWithBias(m.Videos, videoRow, videoGradient, lr);
        UpdateWithBias(m.Creators, creatorRow, creatorGradient, lr);
        for (var i = 0; i < topics; i++)
        {
            var row = _positiveTopicRows[i];
            if (row >= 0 && topicGradient[i] != 0f)
            {
                AdagradVector(m.Topics.MutableWeights(row), m.Topics.Accumulators(row), _user, topicGradient[i], lr);
            }
        }

        Changed?.Add(facts.Id);
    }

    /// <summary>The video tower of (video, creator, topics) into <paramref name="v"/>; returns u·v + biases.</summary>
    private float Forward(int videoRow, int creatorRow, int topics, int[] topicRows, Span<float> v)
    {
        var m = _model;
        var d = _d;
        v.Clear();
        var bias = m.GlobalBias;
        if (videoRow >= 0)
        {
            var w = m.Videos.Weights(videoRow);
            VectorMath.Add(v, w[..d]);
            bias += w[d];
        }

        if (creatorRow >= 0)
        {
            var w = m.Creators.Weights(creatorRow);
            VectorMath.Add(v, w[..d]);
            bias += w[d];
        }

        var topicScale = topics > 0 ? 1f / topics : 0f;
        for (var i = 0; i < topics; i++)
        {
            if (topicRows[i] >= 0)
            {
                VectorMath.AddScaled(v, m.Topics.Weights(topicRows[i])[..d], topicScale);
            }
        }

        return VectorMath.Dot(_user, v) + bias;
    }

    /// <summary>h ← (1 − γ)·h + γ·v for the positive just trained; a user's first positive (or first after eviction) sets h = v.</summary>
    private void UpdateHistory(long userId, long now)
    {
        var table = _model.History;
        var status = table.Touch(userId, now, out var row);
        if (status == AdmissionStatus.Admitted)
        {
            _positiveVideo.CopyTo(table.MutableWeights(row));
        }
        else if (status == AdmissionStatus.Present)
        {
            var h = table.MutableWeights(row)[.._d];
            var gamma = _o.HistoryDecay;
            VectorMath.Scale(h, 1f - gamma);
            VectorMath.AddScaled(h, _positiveVideo, gamma);
        }
    }

    /// <summary>One (u, video) example: forward, loss gradient, video-side Adagrad, user gradient accumulated.</summary>
    private void Step(long videoId, int videoRow, int creatorRow, int topics, float label, float weight, float lr)
    {
        var m = _model;
        var v = _video.AsSpan();
        var score = Forward(videoRow, creatorRow, topics, _topicRows, v);
        var topicScale = topics > 0 ? 1f / topics : 0f;
        var g = weight * (Sigmoid(score) - label);
        if (g == 0f)
        {
            return;
        }

        // ∂loss/∂u = g·v, applied after all of the event's examples; ∂loss/∂(video parts) = g·u (topics: g·u/n).
        VectorMath.AddScaled(_userGradient, v, g);
        UpdateWithBias(m.Videos, videoRow, g, lr);
        UpdateWithBias(m.Creators, creatorRow, g, lr);
        for (var i = 0; i < topics; i++)
        {
            if (_topicRows[i] >= 0)
            {
                AdagradVector(m.Topics.MutableWeights(_topicRows[i]), m.Topics.Accumulators(_topicRows[i]), _user, g * topicScale, lr);
            }
        }

        VectorMath.Adagrad(ref m.GlobalBias, ref m.GlobalBiasAccumulator, g, lr);
        Changed?.Add(videoId);
    }

    private void UpdateWithBias(EmbeddingTable table, int row, float g, float lr)
    {
        if (row < 0)
        {
            return;
        }

        var w = table.MutableWeights(row);
        var a = table.Accumulators(row);
        AdagradVector(w[.._d], a[.._d], _user, g, lr);
        VectorMath.Adagrad(ref w[_d], ref a[_d], _l2 == 0f ? g : g + (_l2 * w[_d]), lr);
    }

    private void AdagradRow(EmbeddingTable table, int row, ReadOnlySpan<float> gradient, float lr)
    {
        if (row >= 0)
        {
            AdagradVector(table.MutableWeights(row), table.Accumulators(row), gradient, 1f, lr);
        }
    }

    /// <summary>Adagrad on a row part; with <see cref="TwoTowerOptions.L2"/> &gt; 0 the row's own weights decay too.</summary>
    private void AdagradVector(Span<float> weights, Span<float> accumulator, ReadOnlySpan<float> direction, float scale, float lr)
    {
        if (_l2 == 0f)
        {
            VectorMath.Adagrad(weights, accumulator, direction, scale, lr);
        }
        else
        {
            VectorMath.AdagradDecay(weights, accumulator, direction, scale, lr, _l2);
        }
    }

    private void AddRow(Span<float> into, EmbeddingTable table, int row)
    {
        if (row >= 0)
        {
            VectorMath.Add(into, table.Weights(row)[.._d]);
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
