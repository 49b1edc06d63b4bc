using Whisper.Security.Detection;

namespace Whisper.Server.SecurityAlerts;

/// <summary>The latest alerts in memory, numbered from 1 in the order raised; past <see cref="SecurityAlertSettings.MaxAlerts"/> the oldest go.</summary>
internal sealed class SecurityAlertBuffer(SecurityAlertSettings settings)
{
    private readonly Queue<(long Id, Alert Alert)> _alerts = new();
    private readonly Lock _lock = new();
    private long _lastId;

    public long Add(Alert alert)
    {
        lock (_lock)
        {
            _alerts.Enqueue((++_lastId, alert));
            while (_alerts.Count > settings.MaxAlerts)
            {
                _alerts.Dequeue();
            }

            return _lastId;
        }
    }

    /// <summary>Up to <paramref name="limit"/> alerts with ids above <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<(long Id, Alert Alert)> Read(long after, int limit)
    {
        lock (_lock)
        {
            var page = new List<(long, Alert)>(Math.Min(limit, _alerts.Count));
            foreach (var item in _alerts)
            {
                if (item.Id > after)
                {
                    page.Add(item);
                    if (page.Count == limit)
                    {
                        break;
                    }
                }
            }

            return page;
        }
    }
}
