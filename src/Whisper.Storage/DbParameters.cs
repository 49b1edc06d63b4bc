using System.Data.Common;

namespace Whisper.Storage;

/// <summary>Adds a named parameter through the provider-neutral API (both providers accept <c>@name</c>).</summary>
internal static class DbParameters
{
    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
