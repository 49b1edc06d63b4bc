using System.Net;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Whisper.Core.Geo;

namespace Whisper.Cutover.Geo;

/// <summary>
/// The gateway's geo-IP lookup over a reloadable <see cref="GeoDatabase"/>. <see cref="Reload"/> (or the file watcher,
/// when enabled) builds a complete new database off to the side and swaps the reference in one write; lookups in
/// flight finish on the instance they read. A file that fails to load is refused with its <c>file:line</c> error and
/// the previous database keeps serving.
/// </summary>
public sealed partial class GeoIpService : IIpCountryLookup, IDisposable
{
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _reloadLock = new();
    private FileSystemWatcher? _watcher;
    private GeoDatabase _database;

    /// <summary>Serves <paramref name="database"/> now; <see cref="Reload"/> reads <paramref name="directory"/>.</summary>
    public GeoIpService(GeoDatabase database, string directory, TimeProvider? time = null, ILogger<GeoIpService>? logger = null)
    {
        _database = database;
        _directory = directory;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The database lookups use now.</summary>
    public GeoDatabase Database => Volatile.Read(ref _database);

    /// <summary>The error of the last refused reload, cleared by a successful one.</summary>
    public string? LastReloadError { get; private set; }

    /// <summary>Loads <paramref name="directory"/>; a bad file fails start-up (there is nothing older to serve).</summary>
    public static GeoIpService Open(string directory, TimeProvider? time = null, ILogger<GeoIpService>? logger = null)
    {
        var service = new GeoIpService(GeoDatabase.LoadDirectory(directory, time), directory, time, logger);
        service.LogLoaded(service.Database.Source, service.Database.IPv4.Count, service.Database.IPv6.Count);
        return service;
    }

    public GeoLookupResult Lookup(IPAddress address) => Database.Lookup(address);

    public bool TryGetCountry(IPAddress address, out string countryCode)
    {
        var result = Lookup(address);
        countryCode = result.Country ?? string.Empty;
        return result.IsCountry;
    }

    /// <summary>Re-reads the files; true when the new data serves now, false (and <see cref="LastReloadError"/> set) when they were refused.</summary>
    public bool Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                var fresh = GeoDatabase.LoadDirectory(_directory, _time);
                Volatile.Write(ref _database, fresh);
                LastReloadError = null;
                LogLoaded(fresh.Source, fresh.IPv4.Count, fresh.IPv6.Count);
                return true;
            }
            catch (Exception e) when (e is GeoDataFormatException or IOException or UnauthorizedAccessException)
            {
                LastReloadError = e.Message;
                LogRefused(e.Message, Database.Source);
                return false;
            }
        }
    }

    /// <summary>Reloads whenever a <c>*.csv.gz</c> in the folder is written or replaced (replace files by rename for an atomic switch).</summary>
    public void WatchForChanges()
    {
        if (_watcher is not null)
        {
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(_directory, "*.csv.gz") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            watcher.Changed += (_, _) => Reload();
            watcher.Created += (_, _) => Reload();
            watcher.Renamed += (_, _) => Reload();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            LogWatchFailed(_directory, e.Message);
        }
    }

    public void Dispose() => _watcher?.Dispose();
}
