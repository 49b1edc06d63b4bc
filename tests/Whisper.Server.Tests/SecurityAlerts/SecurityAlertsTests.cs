using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

using Whisper.Security.Detection;
using Whisper.Server.Catalog;
using Whisper.Server.SecurityAlerts;
using Whisper.Server.Tests.Auth;

namespace Whisper.Server.Tests.SecurityAlerts;

public sealed class SecurityAlertsTests
{
    [Fact]
    public async Task BulkReadBurst_TheDetectorFlags_AppearsInTheApiWithEvidence()
    {
        // No warm-up and a 5-row "bulk" threshold: a burst of 5-video pages by an identity with no history is an off-hours bulk read.
        await using var host = await SecuredServerHost.StartAsync(static s => s with
        {
            SecurityAlerts = new SecurityAlertSettings { Detection = new DetectionOptions { WarmupHours = 0, BulkRows = 5 } },
        });
        for (var i = 0; i < 4; i++)
        {
            using var page = await host.SendAsync(HttpMethod.Get, $"/v1/videos?after={i * 5}&limit=5", host.Key("viewer"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await host.App.Services.GetRequiredService<SecurityEventQueue>().FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        using var response = await host.SendAsync(HttpMethod.Get, "/v1/security/alerts", host.Key("auditor"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alerts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var alert = Assert.Single(alerts, static a => a.GetProperty("identity").GetString() == "key:test-viewer");
        Assert.Equal(nameof(AlertRule.OffHoursBulkExport), alert.GetProperty("rule").GetString());
        var evidence = Assert.Single(alert.GetProperty("evidence").EnumerateArray());
        Assert.Equal("GET /v1/videos", evidence.GetProperty("action").GetString());
        Assert.Equal(5, evidence.GetProperty("rows").GetInt64());
        Assert.Equal("127.0.0.1", evidence.GetProperty("sourceIp").GetString());
        Assert.Equal("access", evidence.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Alerts_ViewerAndOperatorRefused_AuditorAllowed_EventsFileWritten()
    {
        var eventsFile = Path.Combine(Path.GetTempPath(), $"whisper-security-events-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var host = await SecuredServerHost.StartAsync(s => s with { SecurityAlerts = new SecurityAlertSettings { EventsPath = eventsFile } });

            using var viewer = await host.SendAsync(HttpMethod.Get, "/v1/security/alerts", host.Key("viewer"));
            using var op = await host.SendAsync(HttpMethod.Get, "/v1/security/alerts", host.Key("operator"));
            using var auditor = await host.SendAsync(HttpMethod.Get, "/v1/security/alerts", host.Token("auditor"));
            await host.App.Services.GetRequiredService<SecurityEventQueue>().FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, op.StatusCode);
            Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
            var events = SecurityEventLog.Read(eventsFile).ToList();
            Assert.Equal(["key:test-viewer", "key:test-operator", "jwt:alice"], events.Select(static e => e.Identity));
            Assert.All(events, static e => Assert.Equal("GET /v1/security/alerts", e.Action));
        }
        finally
        {
            File.Delete(eventsFile);
        }
    }

    [Fact]
    public void TryWrite_QueueFull_DropsAndCounts()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SecurityAlertMetrics(services.GetRequiredService<IMeterFactory>());
        var queue = new SecurityEventQueue(new SecurityAlertSettings { QueueCapacity = 2 }, metrics);
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "whisper.security.events_dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        var e = new SecurityEvent(DateTimeOffset.UnixEpoch, SecurityEventKind.Access, "key:k");

        Assert.True(queue.TryWrite(e));
        Assert.True(queue.TryWrite(e));
        Assert.False(queue.TryWrite(e));
        Assert.False(queue.TryWrite(e));
        Assert.Equal(2, Interlocked.Read(ref dropped));
    }

    [Fact]
    public void ReturnedRows_CountsPageItems_OneForAValue_NoneForAProblem()
    {
        Assert.Equal(3, ReturnedRows.Count(TypedResults.Ok(new Page<int>([1, 2, 3], null))));
        Assert.Equal(3, ReturnedRows.Count((Results<Ok<Page<int>>, ProblemHttpResult>)TypedResults.Ok(new Page<int>([1, 2, 3], null))));
        Assert.Equal(1, ReturnedRows.Count(TypedResults.Ok("one")));
        Assert.Equal(0, ReturnedRows.Count(TypedResults.Problem("no", statusCode: StatusCodes.Status404NotFound)));
        Assert.Equal(0, ReturnedRows.Count(null));
    }
}
