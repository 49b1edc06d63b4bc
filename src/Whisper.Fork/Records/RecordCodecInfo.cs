namespace Whisper.Fork.Records;

/// <summary>Table-level facts about a codec that callers need without knowing the row type.</summary>
public readonly record struct RecordCodecInfo(int ContentOffset)
{
    public static RecordCodecInfo Of(ForkTable table) => new(table == ForkTable.Events ? RecordCodecs.Events.ContentOffset : 0);
}
