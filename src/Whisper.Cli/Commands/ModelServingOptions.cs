using System.CommandLine;
using System.Globalization;

using Whisper.Cli.Console;
using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.ResponseLog;
using Whisper.Security.Transparency;
using Whisper.Storage;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper serve</c>'s algorithm-integrity options (docs/model-attestation.md): <c>--require-approved-models</c>
/// (with <c>--tlog</c>) starts the engine only from an approved checkpoint; <c>--response-log</c> records served pages.
/// </summary>
public sealed class ModelServingOptions
{
    private readonly Option<bool> _requireApproved = new("--require-approved-models")
    {
        Description = "Serve only a model whose SHA-256 is approved in the registry and logged in --tlog ('whisper model approve'); refuse to start otherwise.",
    };

    private readonly Option<string?> _registry = new("--model-registry") { Description = $"Model registry for --require-approved-models (default <tlog>/{ModelRegistry.DefaultFileName})." };

    private readonly Option<string?> _responseLog = new("--response-log") { Description = "Append served feed pages to this JSON-lines file (what 'whisper integrity' reads)." };

    private readonly Option<double> _responseSample = new("--response-sample")
    {
        Description = "Share of users whose pages --response-log records, (0, 1].",
        DefaultValueFactory = _ => 1.0,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_requireApproved);
        command.Options.Add(_registry);
        command.Options.Add(_responseLog);
        command.Options.Add(_responseSample);
    }

    /// <summary>Starts the engine with attestation and the response log as asked; an unapproved model is one usage line.</summary>
    public async Task<RecommendationEngine> StartEngineAsync(
        CliConsole console, ParseResult parse, IWhisperStore store, RecommendationEngineOptions options, ITransparencyLog? log, string? logDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var sample = parse.GetValue(_responseSample);
        if (!double.IsFinite(sample) || sample is <= 0 or > 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--response-sample {sample} is not a share; use (0, 1], e.g. 0.05."));
        }

        if (parse.GetValue(_responseLog) is { } responses)
        {
            options = options with { ResponseLog = new ServedResponseLogOptions { Path = responses, SampleRate = sample } };
        }

        try
        {
            if (parse.GetValue(_requireApproved))
            {
                if (log is null || logDirectory is null)
                {
                    throw new UsageException("--require-approved-models needs --tlog <dir>: approvals are checked against that log and its public key.");
                }

                var registry = parse.GetValue(_registry) ?? Path.Combine(logDirectory, ModelRegistry.DefaultFileName);
                options = options with { ModelAttestation = new ModelAttestation(ModelCommand.LoadApproved(registry, log.PublicKey, log)) };
            }

            var engine = await EngineStartup.StartAsync(console, store, options, ct).ConfigureAwait(false);
            if (engine.AttestedModel is { } attested)
            {
                console.Out.WriteLine($"Serving approved model {attested.Approval.VersionId} (sha256 {attested.Sha256}, log index {attested.Approval.Log.Index}).");
            }

            return engine;
        }
        catch (ModelAttestationException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
