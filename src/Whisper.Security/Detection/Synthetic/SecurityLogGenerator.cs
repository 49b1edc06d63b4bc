using System.Globalization;

namespace Whisper.Security.Detection.Synthetic;

/// <summary>
/// Generates weeks of access, audit and egress events for analysts (office hours, office and home networks, the odd
/// late evening and US hotel), services (around the clock, steady volume, a few known destinations) and operators
/// (office hours, legitimate bulk exports by day), then plants attacks: read-volume exfiltration, off-hours bulk
/// exports, stolen credentials used from abroad, connections to new destinations, and denied egress. Deterministic
/// for a seed. The benign noise is there on purpose: a detector that flags busy days, late evenings or travel inside
/// the country pays for it in false positives.
/// </summary>
public sealed class SecurityLogGenerator(int seed = 42)
{
    public int Days { get; init; } = 21;

    public int Analysts { get; init; } = 20;

    public int Services { get; init; } = 5;

    public int Operators { get; init; } = 3;

    /// <summary>Attacks of each kind planted after the first few days.</summary>
    public int AttacksPerKind { get; init; } = 8;

    public SyntheticSecurityLog Generate()
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 9, 7, 0, 0, 0, TimeSpan.Zero); // a Monday
        var events = new List<SecurityEvent>();
        var activeHours = new HashSet<(string, long)>();

        for (var a = 0; a < Analysts; a++)
        {
            var id = $"analyst-{a:D2}";
            var office = $"10.{20 + (a % 3)}.{random.Next(256)}.{random.Next(1, 255)}";
            var home = $"73.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
            var typicalRows = 100 + random.Next(400);
            for (var day = 0; day < Days; day++)
            {
                var date = start.AddDays(day);
                if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }

                var busy = random.NextDouble() < 0.1 ? 2.0 : 1.0;
                var travelling = random.NextDouble() < 0.05;
                var hotel = $"{random.Next(150, 200)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
                var lastHour = random.NextDouble() < 0.15 ? 20 : 17;
                for (var hour = 9; hour <= lastHour; hour++)
                {
                    var ip = travelling ? hotel : hour >= 18 ? home : office;
                    var requests = hour >= 18 ? random.Next(1, 4) : random.Next(5, 30);
                    for (var r = 0; r < requests; r++)
                    {
                        var rows = (long)(typicalRows * busy * Math.Exp(random.NextDouble() - 0.5));
                        Add(new SecurityEvent(date.AddHours(hour).AddSeconds(random.Next(3600)), SecurityEventKind.Access, id, ip, "US", Pick(random, "GET /v1/videos", "GET /v1/feed", "GET /v1/users"), rows));
                    }
                }
            }
        }

        var knownDestinations = new[] { "metrics.us.whisper.example", "objects.us.whisper.example", "kms.us.whisper.example" };
        for (var s = 0; s < Services; s++)
        {
            var id = $"service-{s}";
            var ip = $"10.50.{s}.{10 + s}";
            for (var hour = 0; hour < Days * 24; hour++)
            {
                var at = start.AddHours(hour);
                for (var r = 0; r < 20; r++)
                {
                    Add(new SecurityEvent(at.AddSeconds(random.Next(3600)), SecurityEventKind.Access, id, ip, "US", "POST /v1/events", 500 + random.Next(1_000)));
                }

                Add(new SecurityEvent(at.AddSeconds(random.Next(3600)), SecurityEventKind.Egress, id, ip, "US", "connect", 0, knownDestinations[random.Next(knownDestinations.Length)], true));
            }
        }

        for (var o = 0; o < Operators; o++)
        {
            var id = $"operator-{o}";
            var ip = $"10.30.{o}.{random.Next(1, 255)}";
            for (var day = 0; day < Days; day++)
            {
                var date = start.AddDays(day);
                if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }

                for (var hour = 10; hour <= 16; hour++)
                {
                    Add(new SecurityEvent(date.AddHours(hour).AddSeconds(random.Next(3600)), SecurityEventKind.Audit, id, ip, "US", Pick(random, "keys.create", "cutover.status", "tlog.append"), 1));
                }

                if (random.NextDouble() < 0.3)
                {
                    // A legitimate daytime bulk export: big, but in working hours.
                    Add(new SecurityEvent(date.AddHours(11).AddSeconds(random.Next(3600)), SecurityEventKind.Access, id, ip, "US", "GET /v1/events", 40_000 + random.Next(20_000)));
                }
            }
        }

        var benignHours = activeHours.Count;
        var attacks = new List<InjectedAttack>();

        // One attack of each kind per weekday after the first week, so that two attacks never share an identity-hour.
        var attackDays = Enumerable.Range(7, Math.Max(0, Days - 7)).Select(d => start.AddDays(d))
            .Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday).ToList();
        if (AttacksPerKind > attackDays.Count)
        {
            throw new InvalidOperationException($"{AttacksPerKind} attacks per kind need as many weekdays after the first week; {Days} days give {attackDays.Count}");
        }

        for (var i = 0; i < AttacksPerKind; i++)
        {
            var weekday = attackDays[i];

            // Exfiltration: a compromised analyst reads 60x its usual volume within office hours.
            var victim = $"analyst-{random.Next(Analysts):D2}";
            var exfil = weekday.AddHours(10 + random.Next(6));
            for (var r = 0; r < 40; r++)
            {
                Add(new SecurityEvent(exfil.AddSeconds(r * 60), SecurityEventKind.Access, victim, OfficeIpOf(events, victim), "US", "GET /v1/users", 8_000));
            }

            attacks.Add(new InjectedAttack(AlertRule.ReadVolume, victim, exfil, exfil.AddHours(1)));

            // Off-hours bulk export by an operator credential at night.
            var op = $"operator-{random.Next(Operators)}";
            var night = weekday.AddHours(2 + random.Next(3)).AddMinutes(random.Next(60));
            Add(new SecurityEvent(night, SecurityEventKind.Access, op, OfficeIpOf(events, op), "US", "GET /v1/events", 200_000));
            attacks.Add(new InjectedAttack(AlertRule.OffHoursBulkExport, op, night, night.AddMinutes(1)));

            // A stolen analyst credential used from abroad.
            var stolen = $"analyst-{random.Next(Analysts):D2}";
            var abroad = weekday.AddHours(9 + random.Next(8)).AddMinutes(random.Next(60));
            Add(new SecurityEvent(abroad, SecurityEventKind.Access, stolen, $"{random.Next(200, 223)}.{random.Next(256)}.{random.Next(256)}.7", Pick(random, "RU", "CN", "KP", "IR"), "GET /v1/videos", 300));
            attacks.Add(new InjectedAttack(AlertRule.NewPlace, stolen, abroad, abroad.AddMinutes(1)));

            // A service starts talking to a new (allowlisted, but never used) destination, and one the guard denies.
            var service = $"service-{random.Next(Services)}";
            var beacon = weekday.AddHours(random.Next(24)).AddMinutes(random.Next(60));
            Add(new SecurityEvent(beacon, SecurityEventKind.Egress, service, $"10.50.0.10", "US", "connect", 0, $"upload-{i}.us.whisper.example", true));
            attacks.Add(new InjectedAttack(AlertRule.NewDestination, service, beacon, beacon.AddMinutes(1)));
            var denied = beacon.AddMinutes(30);
            Add(new SecurityEvent(denied, SecurityEventKind.Egress, service, $"10.50.0.10", "US", "connect", 0, "telemetry.foreign.example", false));
            attacks.Add(new InjectedAttack(AlertRule.DeniedEgress, service, denied, denied.AddMinutes(1)));
        }

        events.Sort(static (x, y) => x.Time.CompareTo(y.Time));
        return new SyntheticSecurityLog(events, attacks, benignHours);

        void Add(SecurityEvent e)
        {
            events.Add(e);
            activeHours.Add((e.Identity, e.Time.ToUnixTimeSeconds() / 3600));
        }
    }

    private static string OfficeIpOf(List<SecurityEvent> events, string identity) =>
        events.First(e => e.Identity == identity && e.SourceIp.Length > 0).SourceIp;

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Days} days, {Analysts} analysts, {Services} services, {Operators} operators, {AttacksPerKind} attacks per kind");
}
