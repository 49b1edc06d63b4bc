namespace Whisper.FeatureStore.Sessions;

/// <summary>What an import did: sessions taken over, sessions skipped because they had expired by arrival, and sessions where the local one was newer and kept.</summary>
public readonly record struct SessionImportResult(int Imported, int SkippedExpired, int KeptLocal);
