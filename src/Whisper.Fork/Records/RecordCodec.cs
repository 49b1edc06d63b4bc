namespace Whisper.Fork.Records;

/// <summary>Reads one record of type <typeparamref name="T"/> at the reader's position.</summary>
public delegate T RecordRead<out T>(ref RecordReader reader);

/// <summary>A record's identity inside its table: the primary key (<see cref="Key2"/> is 0 for one-column keys).</summary>
public readonly record struct RecordKey(long Key1, long Key2) : IComparable<RecordKey>
{
    public int CompareTo(RecordKey other) => Key1 != other.Key1 ? Key1.CompareTo(other.Key1) : Key2.CompareTo(other.Key2);

    public static bool operator <(RecordKey left, RecordKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(RecordKey left, RecordKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(RecordKey left, RecordKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(RecordKey left, RecordKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => Key2 == 0 ? Key1.ToString(System.Globalization.CultureInfo.InvariantCulture) : FormattableString.Invariant($"{Key1}/{Key2}");
}

/// <summary>
/// How one row type is encoded in a chunk. The bytes from <see cref="ContentOffset"/> on are the row's content,
/// which verification hashes; bytes before it (an event's source sequence) are transport only and differ per region.
/// </summary>
public sealed class RecordCodec<T>
{
    public required ForkTable Table { get; init; }

    public required Action<RecordBuffer, T> Write { get; init; }

    public required RecordRead<T> Read { get; init; }

    public required Func<T, RecordKey> KeyOf { get; init; }

    public int ContentOffset { get; init; }
}
