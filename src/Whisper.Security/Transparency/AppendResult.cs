namespace Whisper.Security.Transparency;

/// <summary>Where an append landed: leaves [<see cref="FirstIndex"/>, FirstIndex + Count), and the head that now covers them.</summary>
public sealed record AppendResult(long FirstIndex, int Count, SignedTreeHead Head);
