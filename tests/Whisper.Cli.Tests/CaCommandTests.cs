using System.Security.Cryptography.X509Certificates;

namespace Whisper.Cli.Tests;

public sealed class CaCommandTests
{
    [Fact]
    public async Task InitThenIssue_ExitZero_WritesFilesAndPrintsNoKeyMaterial()
    {
        using var temp = new TempFolder();
        var dir = temp.File("ca");

        var init = await CliRun.RunAsync("ca", "init", "--dir", dir);
        var issue = await CliRun.RunAsync("ca", "issue", "--dir", dir, "--name", "feed-server", "--ip", "127.0.0.1", "--dns", "localhost", "--days", "30");

        Assert.True(init.ExitCode == ExitCodes.Ok, init.Error);
        Assert.True(issue.ExitCode == ExitCodes.Ok, issue.Error);
        Assert.Contains("created CA 'CN=Whisper local CA'", init.Out, StringComparison.Ordinal);
        Assert.Contains("issued 'feed-server' (Both)", issue.Out, StringComparison.Ordinal);
        Assert.Contains("SANs DNS:feed-server, DNS:localhost, IP:127.0.0.1", issue.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "ca.crt", "ca.key", "feed-server.crt", "feed-server.key" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        }

        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(dir, "feed-server.crt"), Path.Combine(dir, "feed-server.key"));
        Assert.Equal(30, (int)Math.Round((certificate.NotAfter - DateTime.Now).TotalDays));
        var printed = init.Out + init.Error + issue.Out + issue.Error;
        Assert.DoesNotContain("PRIVATE KEY", printed, StringComparison.Ordinal);
        foreach (var key in new[] { "ca.key", "feed-server.key" })
        {
            var body = File.ReadAllLines(Path.Combine(dir, key))[1];
            Assert.DoesNotContain(body, printed, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, key)));
            }
        }
    }

    [Fact]
    public async Task Init_FolderWithCa_ExitTwoAndKeepsIt()
    {
        using var temp = new TempFolder();
        var dir = temp.File("ca");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("ca", "init", "--dir", dir, "--curve", "p384", "--name", "Whisper eu CA")).ExitCode);
        var key = await File.ReadAllTextAsync(Path.Combine(dir, "ca.key"));

        var again = await CliRun.RunAsync("ca", "init", "--dir", dir);

        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Contains("refusing to overwrite", again.Error, StringComparison.Ordinal);
        Assert.Equal(key, await File.ReadAllTextAsync(Path.Combine(dir, "ca.key")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("7301")]
    public async Task Init_DaysOutOfRange_ExitTwo(string days)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("ca", "init", "--dir", temp.File("ca"), "--days", days);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{days} days is outside", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("ca")));
    }

    [Theory]
    [InlineData("Feed_Server", "--days", "30", "Service name 'Feed_Server' is not a valid name")]
    [InlineData("feed", "--days", "0", "must be at least 1")]
    [InlineData("feed", "--days", "4000", "after the CA expires")]
    [InlineData("feed", "--ip", "300.1.2.3", "--ip '300.1.2.3' is not an IP address")]
    [InlineData("feed", "--dns", "two words", "DNS name 'two words'")]
    public async Task Issue_BadInput_ExitTwoWithOneLineAndNoFiles(string name, string option, string value, string message)
    {
        using var temp = new TempFolder();
        var dir = temp.File("ca");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("ca", "init", "--dir", dir)).ExitCode);

        var run = await CliRun.RunAsync("ca", "issue", "--dir", dir, "--name", name, option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(["ca.crt", "ca.key"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Issue_NoCa_ExitTwoNamingInit()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("ca", "issue", "--dir", temp.Path, "--name", "feed");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("whisper ca init --dir", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_MissingName_ExitTwo()
    {
        using var temp = new TempFolder();

        Assert.Equal(ExitCodes.BadInput, (await CliRun.RunAsync("ca", "issue", "--dir", temp.Path)).ExitCode);
    }

    [Theory]
    [InlineData("issue", "--usage", "nobody")]
    [InlineData("init", "--curve", "p521")]
    public async Task UnknownChoice_ExitTwoNamingIt(string verb, string option, string value)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("ca", verb, "--dir", temp.File("ca"), "--name", "feed", option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(value, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("ca")));
    }

    [Fact]
    public async Task Issue_ExistingService_ExitTwoUnlessReplace()
    {
        using var temp = new TempFolder();
        var dir = temp.File("ca");
        await CliRun.RunAsync("ca", "init", "--dir", dir);
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("ca", "issue", "--dir", dir, "--name", "feed", "--usage", "client")).ExitCode);
        var first = await File.ReadAllTextAsync(Path.Combine(dir, "feed.crt"));

        var again = await CliRun.RunAsync("ca", "issue", "--dir", dir, "--name", "feed");
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(dir, "feed.crt")));

        var replaced = await CliRun.RunAsync("ca", "issue", "--dir", dir, "--name", "feed", "--replace");
        Assert.Equal(ExitCodes.Ok, replaced.ExitCode);
        Assert.NotEqual(first, await File.ReadAllTextAsync(Path.Combine(dir, "feed.crt")));
    }

    [Fact]
    public async Task Serve_TlsOptionsWithHttpUrl_ExitTwoAskingForHttps()
    {
        using var temp = new TempFolder();
        var dir = temp.File("ca");
        var keys = temp.File("keys.json");
        await CliRun.RunAsync("ca", "init", "--dir", dir);
        await CliRun.RunAsync("ca", "issue", "--dir", dir, "--name", "feed-server", "--ip", "127.0.0.1");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("keys", "create", "--id", "ops", "--role", "operator", "--keys", keys)).ExitCode);

        var run = await CliRun.RunAsync("serve", "--no-feed", "--keys", keys, "--store", temp.File("s.db"), "--urls", "http://127.0.0.1:0",
            "--tls-cert", Path.Combine(dir, "feed-server.crt"), "--client-ca", Path.Combine(dir, "ca.crt"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("Urls entry 'http://127.0.0.1:0' is not an https://host:port URL", run.Error, StringComparison.Ordinal);
        Assert.Contains("Tls.KeyPath is empty", run.Error, StringComparison.Ordinal);
    }
}
