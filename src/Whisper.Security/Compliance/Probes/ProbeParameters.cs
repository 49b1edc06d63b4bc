using System.Globalization;
using System.Text.Json;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// A probe's <c>parameters</c> object from the catalog, read field by field. Problems go to a sink that names the field
/// path (<c>controls[4].evidence[2].parameters.deny[1]</c>), which the catalog reader turns into <c>file:line</c>.
/// </summary>
public sealed class ProbeParameters
{
    private readonly Action<string, string> _problem;

    /// <param name="value">The <c>parameters</c> value (an object, or undefined when the catalog gave none).</param>
    /// <param name="where">Its path in the catalog, for messages.</param>
    /// <param name="problem">Receives (path, message) for each problem.</param>
    public ProbeParameters(JsonElement value, string where, Action<string, string> problem)
    {
        Value = value;
        Where = where;
        _problem = problem;
    }

    public JsonElement Value { get; }

    public string Where { get; }

    /// <summary>Parameters for running a probe whose catalog was validated already: problems cannot occur and are dropped.</summary>
    public static ProbeParameters ForRun(JsonElement value) => new(value, "parameters", static (_, _) => { });

    /// <summary>Reports fields other than <paramref name="known"/> and a value that is not an object.</summary>
    public void Known(params string[] known)
    {
        if (Value.ValueKind == JsonValueKind.Undefined)
        {
            return;
        }

        if (Value.ValueKind != JsonValueKind.Object)
        {
            _problem(Where, $"\"{Where}\" must be an object of the probe's parameters");
            return;
        }

        foreach (var property in Value.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var expected = known.Length == 0 ? "this probe takes none" : "this probe takes " + string.Join(", ", known.Select(k => $"\"{k}\""));
                _problem($"{Where}.{property.Name}", $"unknown parameter \"{property.Name}\"; {expected}");
            }
        }
    }

    public string? Text(string name, bool required)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                _problem(Where, $"\"{Where}.{name}\" is missing; this probe needs it");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            _problem($"{Where}.{name}", $"\"{Where}.{name}\" must be a non-empty string");
            return null;
        }

        return value.GetString();
    }

    /// <summary>A root-relative path: like <see cref="Text"/>, and it must stay inside the root.</summary>
    public string? RelativePath(string name, bool required)
    {
        var path = Text(name, required);
        if (path is not null && !CatalogPaths.IsRelativeInside(path))
        {
            _problem($"{Where}.{name}", $"\"{path}\" must be a relative path inside the root, with '/' separators and no '..'");
            return null;
        }

        return path;
    }

    public IReadOnlyList<string> Strings(string name, bool required)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                _problem(Where, $"\"{Where}.{name}\" is missing; this probe needs a non-empty array of strings");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            _problem($"{Where}.{name}", $"\"{Where}.{name}\" must be a non-empty array of strings");
            return [];
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
            {
                _problem(string.Create(CultureInfo.InvariantCulture, $"{Where}.{name}[{index}]"), $"\"{Where}.{name}[{index}]\" must be a non-empty string");
            }
            else
            {
                items.Add(item.GetString()!);
            }

            index++;
        }

        return items;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        if (!TryGet(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
        {
            _problem($"{Where}.{name}", string.Create(CultureInfo.InvariantCulture, $"\"{Where}.{name}\" must be a number in [{min}, {max}]"));
            return fallback;
        }

        return number;
    }

    /// <summary>Reports a problem about one parameter (a value the probe itself found unusable).</summary>
    public void Problem(string name, string message) => _problem($"{Where}.{name}", message);

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Value.ValueKind == JsonValueKind.Object && Value.TryGetProperty(name, out value);
    }
}
