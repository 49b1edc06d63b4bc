using System.Data.Common;

namespace Whisper.Storage.Catalog;

/// <summary>
/// How one domain type maps to one table, shared by both providers: column names in order, the leading key
/// columns, how to turn a row into parameter values, how to read it back, and the checks it must pass.
/// </summary>
internal sealed class CatalogTable<T>
    where T : class
{
    public required string Name { get; init; }

    /// <summary>How the change feed names this table (<c>catalog_changes.table_kind</c>).</summary>
    public required CatalogTableKind Kind { get; init; }

    /// <summary>Columns in storage order; the first <see cref="KeyCount"/> are the primary key.</summary>
    public required string[] Columns { get; init; }

    public required int KeyCount { get; init; }

    /// <summary>Writes the row's values, in column order, into a buffer of <see cref="Columns"/>.Length slots.</summary>
    public required Action<T, object[]> Write { get; init; }

    /// <summary>Reads a row selected with <see cref="ColumnList"/>.</summary>
    public required Func<DbDataReader, T> Read { get; init; }

    /// <summary>Returns null when the row may be stored, else what is wrong.</summary>
    public required Func<T, string?> Validate { get; init; }

    public string ColumnList => string.Join(", ", Columns);

    /// <summary>
    /// The change-feed keys of a row that <see cref="Write"/> put into <paramref name="values"/>: the first key column,
    /// and the second for a two-column key (follows), else 0. Every key column holds a <see cref="long"/>.
    /// </summary>
    public (long Key1, long Key2) KeysOf(object[] values) => ((long)values[0], KeyCount == 2 ? (long)values[1] : 0);

    /// <summary>
    /// <c>INSERT … ON CONFLICT (key) DO UPDATE</c> with placeholders made by <paramref name="placeholder"/>
    /// (<c>$p0</c> for SQLite, <c>$1</c> for PostgreSQL). Same syntax on both engines.
    /// </summary>
    public string UpsertSql(string tablePrefix, Func<int, string> placeholder)
    {
        var values = new string[Columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = placeholder(i);
        }

        var updates = new string[Columns.Length - KeyCount];
        for (var i = KeyCount; i < Columns.Length; i++)
        {
            updates[i - KeyCount] = $"{Columns[i]} = excluded.{Columns[i]}";
        }

        return $"INSERT INTO {tablePrefix}{Name} ({ColumnList}) VALUES ({string.Join(", ", values)}) " +
               $"ON CONFLICT ({string.Join(", ", Columns[..KeyCount])}) DO UPDATE SET {string.Join(", ", updates)}";
    }

    /// <summary>Checks every row before anything is written; names the first bad one.</summary>
    public void ValidateBatch(IReadOnlyList<T> rows, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(rows, parameterName);
        for (var i = 0; i < rows.Count; i++)
        {
            var error = rows[i] is null ? "is null" : Validate(rows[i]);
            if (error is not null)
            {
                throw new ArgumentException($"{parameterName}[{i}] {error}; nothing of the batch was stored.", parameterName);
            }
        }
    }
}
