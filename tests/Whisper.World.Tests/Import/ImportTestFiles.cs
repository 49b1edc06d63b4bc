namespace Whisper.World.Tests.Import;

internal static class ImportTestFiles
{
    public static string Write(TempStore temp, string name, string content)
    {
        var path = temp.PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }
}
