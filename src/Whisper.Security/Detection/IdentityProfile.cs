using System.Net;

namespace Whisper.Security.Detection;

/// <summary>
/// What the detector has learned about one identity: where it connects from, where it connects to, when it works,
/// and how many rows an hour it reads (Welford mean and variance over its past active hours, and the largest).
/// </summary>
internal sealed class IdentityProfile(DateTimeOffset firstSeen)
{
    private const int RecentEvidence = 20;

    public DateTimeOffset FirstSeen { get; } = firstSeen;

    public HashSet<string> Networks { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Countries { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Destinations { get; } = new(StringComparer.OrdinalIgnoreCase);

    public long[] ActivityByHourOfDay { get; } = new long[24];

    public long Activity { get; private set; }

    /// <summary>The hour (Unix hours) being accumulated, its rows, and its latest events as evidence.</summary>
    public long CurrentHour { get; private set; } = long.MinValue;

    public long CurrentRows { get; private set; }

    public Queue<SecurityEvent> CurrentEvents { get; } = new();

    public bool VolumeAlertedThisHour { get; set; }

    public long PastHours { get; private set; }

    public double MeanRows { get; private set; }

    public double MaxRows { get; private set; }

    private double _m2;

    public double DeviationRows => PastHours > 1 ? Math.Sqrt(_m2 / (PastHours - 1)) : 0;

    public bool IsWarm(DateTimeOffset now, int warmupHours) => now - FirstSeen >= TimeSpan.FromHours(warmupHours);

    public double ShareOfHour(int hourOfDay) => Activity == 0 ? 0 : (double)ActivityByHourOfDay[hourOfDay] / Activity;

    /// <summary>Moves to the event's hour, closing the previous one into the volume baseline.</summary>
    public void EnterHour(long hour)
    {
        if (hour == CurrentHour)
        {
            return;
        }

        // An hour that raised a volume alert stays out of the baseline: an attack must not teach the detector that
        // attacks are normal (a second exfiltration a day later would pass unseen).
        if (CurrentHour != long.MinValue && !VolumeAlertedThisHour)
        {
            PastHours++;
            var delta = CurrentRows - MeanRows;
            MeanRows += delta / PastHours;
            _m2 += delta * (CurrentRows - MeanRows);
            MaxRows = Math.Max(MaxRows, CurrentRows);
        }

        CurrentHour = hour;
        CurrentRows = 0;
        CurrentEvents.Clear();
        VolumeAlertedThisHour = false;
    }

    public void AddToHour(SecurityEvent e)
    {
        CurrentRows += e.Rows;
        CurrentEvents.Enqueue(e);
        if (CurrentEvents.Count > RecentEvidence)
        {
            CurrentEvents.Dequeue();
        }
    }

    public void Learn(SecurityEvent e)
    {
        ActivityByHourOfDay[e.Time.UtcDateTime.Hour]++;
        Activity++;
        if (NetworkOf(e.SourceIp) is { } network)
        {
            Networks.Add(network);
        }

        if (e.Country.Length > 0)
        {
            Countries.Add(e.Country);
        }

        if (e.Kind == SecurityEventKind.Egress && e.Destination.Length > 0)
        {
            Destinations.Add(e.Destination);
        }
    }

    /// <summary>The /16 of an IPv4 address or the /48 of an IPv6 one: the "place" a credential is used from.</summary>
    public static string? NetworkOf(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address))
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 ? $"{bytes[0]}.{bytes[1]}/16" : Convert.ToHexString(bytes, 0, 6) + "/48";
    }
}
