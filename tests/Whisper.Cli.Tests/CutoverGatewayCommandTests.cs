using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using Whisper.Cli.Console;
using Whisper.Cutover.Simulation;
using Whisper.Security.Transparency;
using Whisper.Server.Auth;

namespace Whisper.Cli.Tests;

/// <summary><c>whisper cutover gateway</c> run in-process on loopback in front of two tiny backends that answer with their own name.</summary>
public sealed partial class CutoverGatewayCommandTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Gateway_ProxiesToTheSource_AndGuardsTheOperatorApiByRole()
    {
        using var temp = new TempFolder();
        await using var source = await Backend.StartAsync("source");
        await using var fork = await Backend.StartAsync("fork");
        var viewer = await ApiKeyStore.CreateKeyAsync(temp.File("keys.json"), "ops-viewer", ApiKeyRoles.Viewer);
        var auditor = await ApiKeyStore.CreateKeyAsync(temp.File("keys.json"), "ops-auditor", ApiKeyRoles.Auditor);
        var operatorKey = await ApiKeyStore.CreateKeyAsync(temp.File("keys.json"), "ops-operator", ApiKeyRoles.Operator);
        await File.WriteAllTextAsync(temp.File("handoff.token"), "handoff-token-for-tests-0123456789\n");
        var args = GatewayArgs(temp, source, fork, "--tlog", temp.File("tlog"), "--trusted-proxy", "10.0.0.0/8", "--handoff-token-file", temp.File("handoff.token"));

        await using (var gateway = await RunningGateway.StartAsync(args))
        {
            // A loopback client is outside the plan's countries: always the source, whatever the cohorts.
            using var proxied = await gateway.Http.GetAsync("/v1/feed?user=1");
            Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
            Assert.Equal("source", await proxied.Content.ReadAsStringAsync());
            Assert.Equal(1, source.Requests);

            using var anonymous = await gateway.Http.GetAsync("/v1/cutover/status");
            using var asViewer = await gateway.SendAsync(HttpMethod.Get, "/v1/cutover/status", viewer);
            using var asAuditor = await gateway.SendAsync(HttpMethod.Get, "/v1/cutover/status", auditor);
            using var advanceAsViewer = await gateway.SendAsync(HttpMethod.Post, "/v1/cutover/advance", viewer);
            using var advanceAsOperator = await gateway.SendAsync(HttpMethod.Post, "/v1/cutover/advance", operatorKey, """{"reason":"launch","force":true}""");

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, asViewer.StatusCode);
            Assert.Contains("\"group_id\"", await asViewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, asAuditor.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, advanceAsViewer.StatusCode);
            Assert.Equal(HttpStatusCode.OK, advanceAsOperator.StatusCode);
        }

        // The forced step was recorded with the operator's key id, in the state file and the transparency log.
        Assert.Contains("ops-operator", await File.ReadAllTextAsync(temp.File("state.json")), StringComparison.Ordinal);
        using var log = TransparencyLog.Open(temp.File("tlog"));
        Assert.Equal(1, log.Size);
    }

    [Fact]
    public async Task Gateway_ForwardsTheRegionsCredentialsUntouched_WithoutCheckingThem()
    {
        using var temp = new TempFolder();
        await using var source = await Backend.StartAsync("source");
        await using var fork = await Backend.StartAsync("fork");
        await ApiKeyStore.CreateKeyAsync(temp.File("keys.json"), "ops-viewer", ApiKeyRoles.Viewer);

        await using var gateway = await RunningGateway.StartAsync(GatewayArgs(temp, source, fork));
        using var proxied = await gateway.SendAsync(HttpMethod.Get, "/v1/videos", "whk_a-key-only-the-source-knows");

        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Equal("Bearer whk_a-key-only-the-source-knows", source.LastAuthorization);
    }

    [Theory]
    [InlineData("--source", "not a url", "--source")]
    [InlineData("--listen", "https://127.0.0.1:0", "--listen")]
    [InlineData("--trusted-proxy", "10.0.0.0/99", "--trusted-proxy")]
    [InlineData("--handoff-token-file", "missing.token", "--handoff-token-file")]
    [InlineData("--parity-credential-file", "empty.credential", "--parity-credential-file")]
    [InlineData("--keys", "missing-keys.json", "whisper keys create")]
    [InlineData("--plan", "missing-plan.json", "does not exist")]
    [InlineData("--jwt-key", "missing.pub.pem", "--jwt-key")]
    [InlineData("--allowlist", "missing.allowlist.json", "--allowlist")]
    [InlineData("--allowlist", "bad.allowlist.json", "--allowlist")]
    public async Task Gateway_BadOption_ExitsTwoWithOneLineNamingIt(string option, string value, string named)
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("empty.credential"), "\n");
        await File.WriteAllTextAsync(temp.File("bad.allowlist.json"), """{ "region": "us", "cidr": ["10.0.0.0/8"] }""");
        await File.WriteAllTextAsync(temp.File("plan.json"), FuturePlan);
        await ApiKeyStore.CreateKeyAsync(temp.File("keys.json"), "ops-viewer", ApiKeyRoles.Viewer);
        var good = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--listen"] = "http://127.0.0.1:0",
            ["--source"] = "http://127.0.0.1:9",
            ["--fork"] = "http://127.0.0.1:9",
            ["--plan"] = temp.File("plan.json"),
            ["--state"] = temp.File("state.json"),
            ["--keys"] = temp.File("keys.json"),
        };
        good[option] = value.Contains('.', StringComparison.Ordinal) && !value.Contains('/', StringComparison.Ordinal) ? temp.File(value) : value;
        string[] args = ["cutover", "gateway", .. good.SelectMany(static p => new[] { p.Key, p.Value })];

        var run = await CliRun.RunAsync(args).WaitAsync(Bound);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("state.json")));
    }

    /// <summary>The default plan moved to 2099, so the gate loop finds no step due while the test runs.</summary>
    private static string FuturePlan => CutoverSimulation.DefaultPlanJson
        .Replace("2026-01-31", "2099-01-31", StringComparison.Ordinal)
        .Replace("2026-06-30", "2099-06-30", StringComparison.Ordinal);

    private static string[] GatewayArgs(TempFolder temp, Backend source, Backend fork, params string[] extra)
    {
        File.WriteAllText(temp.File("plan.json"), FuturePlan);
        return
        [
            "cutover", "gateway", "--listen", "http://127.0.0.1:0", "--source", source.BaseAddress, "--fork", fork.BaseAddress,
            "--plan", temp.File("plan.json"), "--state", temp.File("state.json"), "--keys", temp.File("keys.json"), .. extra,
        ];
    }

    [GeneratedRegex(@"on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningUrl();

    /// <summary>The verb running until disposed (its Ctrl+C), found at the address it prints.</summary>
    private sealed class RunningGateway : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task<int> _run;

        private RunningGateway(CancellationTokenSource stop, Task<int> run, Uri address)
        {
            _stop = stop;
            _run = run;
            Http = new HttpClient { BaseAddress = address, Timeout = Bound };
        }

        public HttpClient Http { get; }

        public static async Task<RunningGateway> StartAsync(string[] args)
        {
            var output = new StartedWriter();
            var error = new StringWriter();
            var stop = new CancellationTokenSource();
            var run = WhisperCommandLine.RunAsync(args, CliConsole.ForWriters(output, error), stop.Token);
            var started = await Task.WhenAny(output.Started.Task, run).WaitAsync(Bound);
            Assert.True(started != run, $"the gateway exited {(run.IsCompleted ? run.Result : -1)}: {error}");
            var url = ListeningUrl().Match(output.Started.Task.Result);
            Assert.True(url.Success, output.Started.Task.Result);
            return new RunningGateway(stop, run, new Uri(url.Groups[1].Value));
        }

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            request.Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
            return await Http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _stop.CancelAsync();
            Assert.Equal(ExitCodes.Ok, await _run.WaitAsync(Bound));
            _stop.Dispose();
        }
    }

    /// <summary>Captures the output and signals the line that names the listening address.</summary>
    private sealed class StartedWriter : StringWriter
    {
        public TaskCompletionSource<string> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith("Cutover gateway", StringComparison.Ordinal))
            {
                Started.TrySetResult(value);
            }
        }
    }

    /// <summary>A region stand-in on a loopback port: every path answers 200 with its name and counts the request.</summary>
    private sealed class Backend : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private Backend(WebApplication app) => _app = app;

        public string BaseAddress => _app.Urls.First();

        public int Requests => Volatile.Read(ref _requests);

        public string? LastAuthorization { get; private set; }

        public static async Task<Backend> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(static k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var backend = new Backend(app);
            app.Run(context =>
            {
                Interlocked.Increment(ref backend._requests);
                backend.LastAuthorization = context.Request.Headers.Authorization;
                return context.Response.WriteAsync(name);
            });
            await app.StartAsync();
            return backend;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
