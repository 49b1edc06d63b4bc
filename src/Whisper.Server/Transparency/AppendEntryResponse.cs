namespace Whisper.Server.Transparency;

/// <summary>Body of a 201 from <c>POST /v1/tlog/entries</c>: where the entry landed and the signed head that covers it.</summary>
public sealed record AppendEntryResponse(long Index, LogEntryDocument Entry, SignedTreeHeadDocument Head);
