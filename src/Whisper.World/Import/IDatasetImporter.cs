using Whisper.Storage;

namespace Whisper.World.Import;

/// <summary>Imports one public data set's interaction file into a store as catalog rows and events.</summary>
public interface IDatasetImporter
{
    /// <summary>Short name for messages and the CLI, e.g. "movielens".</summary>
    string Name { get; }

    /// <summary>True when the file looks like this data set's (by name, then by its first line).</summary>
    bool CanImport(string path);

    /// <summary>
    /// Reads the file and writes it in batches (users and videos first, then events). Idempotent: a re-import stores
    /// nothing twice. Throws <see cref="ImportFormatException"/> on the first malformed row unless
    /// <see cref="ImportOptions.SkipBad"/> is set; progress reports bytes read (stage "import").
    /// </summary>
    Task<ImportReport> ImportAsync(
        string path,
        IWhisperStore store,
        ImportOptions? options = null,
        IProgress<WorldProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
