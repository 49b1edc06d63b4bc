namespace Whisper.Security.Compliance.Evidence;

/// <summary>A test method: its class (simple name), method name, file (relative to the root, '/') and whether it is skipped.</summary>
internal sealed record TestMethod(string Class, string Method, string File, bool Skipped);
