using System.Text;
using System.Text.Json;

namespace Whisper.FeatureStore.Sessions;

/// <summary>Export and import of in-flight sessions (docs/feature-store.md, "Session state format").</summary>
public sealed partial class SessionStateStore
{
    public const string Format = "whisper-session-state";
    public const int CurrentVersion = 1;

    /// <summary>Writes every live session (expired ones and lapsed live rooms left out) as a version-1 document; returns how many were written.</summary>
    public int Export(Stream output, string region) => Write(output, region, _sessions.OrderBy(p => p.Key));

    /// <summary>
    /// Writes the same document holding only <paramref name="userId"/>'s live session (no session: an empty
    /// <c>sessions</c> array): what the cutover gateway hands over when it moves one user between regions.
    /// </summary>
    public int ExportUser(Stream output, string region, long userId) =>
        Write(output, region, _sessions.TryGetValue(userId, out var state) ? [new KeyValuePair<long, State>(userId, state)] : []);

    private int Write(Stream output, string region, IEnumerable<KeyValuePair<long, State>> sessions)
    {
        ArgumentNullException.ThrowIfNull(output);
        var now = Now;
        var written = 0;
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", CurrentVersion);
        w.WriteString("region", region);
        w.WriteNumber("exported_at_ms", now);
        w.WriteNumber("idle_ttl_ms", IdleMs);
        w.WriteNumber("live_room_ttl_ms", LiveRoomMs);
        w.WriteStartArray("sessions");
        foreach (var (user, state) in sessions)
        {
            SessionSnapshot? s;
            lock (state)
            {
                s = Snapshot(user, state, now);
            }

            if (s is null)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteNumber("user_id", s.UserId);
            w.WriteNumber("started_at_ms", s.StartedAtMs);
            w.WriteNumber("last_activity_ms", s.LastActivityMs);
            w.WriteNumber("watch_time_ms", s.WatchTimeMs);
            w.WriteStartArray("items_seen");
            foreach (var item in s.ItemsSeen)
            {
                w.WriteNumberValue(item);
            }

            w.WriteEndArray();
            if (s.LiveRoomId > 0)
            {
                w.WriteStartObject("live_room");
                w.WriteNumber("id", s.LiveRoomId);
                w.WriteNumber("seen_at_ms", s.LiveRoomSeenAtMs);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            written++;
        }

        w.WriteEndArray();
        w.WriteEndObject();
        return written;
    }

    public string ExportJson(string region)
    {
        using var buffer = new MemoryStream();
        Export(buffer, region);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Imports an export, keeping its times: sessions already idle past this store's TTL (by this store's clock) are
    /// skipped; where this store holds a session for the same user, the one with the later activity wins. The whole
    /// document is checked before anything is imported.
    /// </summary>
    /// <exception cref="SessionStateFormatException">Bad JSON, another format, an unknown version or a malformed entry.</exception>
    public SessionImportResult Import(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = Parse(json);
        var now = Now;
        int imported = 0, expired = 0, kept = 0;
        foreach (var s in parsed)
        {
            if (now - s.LastActivityMs > IdleMs)
            {
                expired++;
                continue;
            }

            var state = _sessions.GetOrAdd(s.UserId, static _ => new State());
            lock (state)
            {
                if (state.StartedAtMs != 0 && now - state.LastActivityMs <= IdleMs && state.LastActivityMs >= s.LastActivityMs)
                {
                    kept++;
                    continue;
                }

                state.StartedAtMs = s.StartedAtMs;
                state.LastActivityMs = s.LastActivityMs;
                state.WatchTimeMs = s.WatchTimeMs;
                state.Items.Clear();
                state.Items.AddRange(s.ItemsSeen.Skip(Math.Max(0, s.ItemsSeen.Count - Options.MaxItems)));
                var roomLive = s.LiveRoomId > 0 && now - s.LiveRoomSeenAtMs <= LiveRoomMs;
                state.LiveRoomId = roomLive ? s.LiveRoomId : 0;
                state.LiveRoomSeenAtMs = roomLive ? s.LiveRoomSeenAtMs : 0;
                imported++;
            }
        }

        return new SessionImportResult(imported, expired, kept);
    }

    private static List<SessionSnapshot> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SessionStateFormatException($"Session state is not valid JSON (line {(e.LineNumber ?? 0) + 1}); pass a file written by SessionStateStore.Export.", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var f) || f.ValueKind != JsonValueKind.String || f.GetString() != Format)
            {
                throw new SessionStateFormatException($"Not a session-state export: \"format\" must be \"{Format}\".");
            }

            if (!root.TryGetProperty("version", out var v) || !v.TryGetInt32(out var version) || version != CurrentVersion)
            {
                throw new SessionStateFormatException($"Session state version {(root.TryGetProperty("version", out var raw) ? raw.ToString() : "(missing)")} is not supported; this build reads version {CurrentVersion}.");
            }

            if (!root.TryGetProperty("sessions", out var sessions) || sessions.ValueKind != JsonValueKind.Array)
            {
                throw new SessionStateFormatException("Session state has no \"sessions\" array.");
            }

            var result = new List<SessionSnapshot>();
            var index = 0;
            foreach (var s in sessions.EnumerateArray())
            {
                index++;
                try
                {
                    var items = s.GetProperty("items_seen").EnumerateArray().Select(i => i.GetInt64()).ToList();
                    long room = 0, roomSeen = 0;
                    if (s.TryGetProperty("live_room", out var r) && r.ValueKind == JsonValueKind.Object)
                    {
                        room = r.GetProperty("id").GetInt64();
                        roomSeen = r.GetProperty("seen_at_ms").GetInt64();
                    }

                    var snapshot = new SessionSnapshot(
                        s.GetProperty("user_id").GetInt64(),
                        s.GetProperty("started_at_ms").GetInt64(),
                        s.GetProperty("last_activity_ms").GetInt64(),
                        items,
                        s.GetProperty("watch_time_ms").GetInt64(),
                        room,
                        roomSeen);
                    if (snapshot.UserId <= 0 || snapshot.StartedAtMs > snapshot.LastActivityMs || snapshot.WatchTimeMs < 0)
                    {
                        throw new FormatException("user_id must be positive, started_at_ms ≤ last_activity_ms and watch_time_ms ≥ 0");
                    }

                    result.Add(snapshot);
                }
                catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new SessionStateFormatException($"Session #{index} is malformed ({e.Message}); nothing was imported.", e);
                }
            }

            return result;
        }
    }
}
