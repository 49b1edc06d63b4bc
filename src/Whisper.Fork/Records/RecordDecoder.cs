namespace Whisper.Fork.Records;

/// <summary>Decodes a raw chunk's records back into rows.</summary>
public static class RecordDecoder
{
    public static List<T> Decode<T>(RecordCodec<T> codec, ReadOnlySpan<byte> records, int count)
    {
        var rows = new List<T>(count);
        var reader = new RecordReader(records);
        for (var i = 0; i < count; i++)
        {
            rows.Add(codec.Read(ref reader));
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException($"{ForkTables.NameOf(codec.Table)} chunk holds bytes after its {count} records");
        }

        return rows;
    }

    /// <summary>Calls <paramref name="visit"/> with each record's key and content bytes, without building rows.</summary>
    public static void Visit<T>(RecordCodec<T> codec, ReadOnlySpan<byte> records, int count, RecordVisitor visit)
    {
        var reader = new RecordReader(records);
        for (var i = 0; i < count; i++)
        {
            var start = reader.Position;
            var row = codec.Read(ref reader);
            visit(codec.KeyOf(row), records[(start + codec.ContentOffset)..reader.Position]);
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException($"{ForkTables.NameOf(codec.Table)} chunk holds bytes after its {count} records");
        }
    }
}

/// <summary>Receives one decoded record's key and content bytes.</summary>
public delegate void RecordVisitor(RecordKey key, ReadOnlySpan<byte> content);
