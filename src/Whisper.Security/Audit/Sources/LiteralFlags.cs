namespace Whisper.Security.Audit.Sources;

/// <summary>What else is known about a string literal.</summary>
[Flags]
internal enum LiteralFlags : byte
{
    None = 0,

    /// <summary>An import path (Go's <c>import "github.com/x/y"</c>): a module name, not an endpoint.</summary>
    Import = 1,

    /// <summary>An object key in JSON (<c>{"socket.io": "^4"}</c>): a name, not a value.</summary>
    Key = 2,
}
