using Microsoft.Extensions.Logging;

namespace Whisper.Cli.Console;

/// <summary>
/// Server logging under the CLI: one line per entry; ASP.NET's per-request chatter only from Warning up, so the
/// demo's output stays readable. <c>serve --verbose</c> (<paramref name="verbose"/>) keeps request lines.
/// </summary>
public static class CliLogging
{
    public static Action<ILoggingBuilder> Configure(bool verbose) => logging =>
    {
        logging.AddSimpleConsole(static o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        if (verbose)
        {
            logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.Information);
        }
    };
}
