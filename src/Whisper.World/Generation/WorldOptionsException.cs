namespace Whisper.World.Generation;

/// <summary>World options had problems; <see cref="Problems"/> lists all of them, each naming the option and the fix.</summary>
public sealed class WorldOptionsException : ArgumentException
{
    public WorldOptionsException(IReadOnlyList<string> problems)
        : base("Invalid world options: " + string.Join(" ", problems))
    {
        Problems = problems;
    }

    public WorldOptionsException()
        : this([])
    {
    }

    public WorldOptionsException(string message)
        : this([message])
    {
    }

    public WorldOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
