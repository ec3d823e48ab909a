using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Ngdbt.Cli.Output;

/// <summary>
/// `ngdbt show` output. `table` keeps every shown column readable: columns are added left to right while they fit the
/// console width (each at most <see cref="MaxCell"/> characters, longer cells end in "…"), and a line says how many
/// columns were left out and how to see them. `csv` (RFC 4180) and `json` (one array of objects, values as the exact
/// strings `show` prints, NULL as null) print every column. `--columns a,b` picks and orders columns first.
/// </summary>
internal static class ResultTable
{
    public const int MaxCell = 32;

    public static readonly string[] Formats = ["table", "csv", "json"];

    /// <summary>Returns an error message for unknown columns or formats, else null.</summary>
    public static string? Write(ConsoleOutput output, IReadOnlyList<string> names, IReadOnlyList<string?[]> rows, string format, string? columns)
    {
        if (!Formats.Contains(format, StringComparer.Ordinal)) return $"--output must be one of {string.Join(", ", Formats)}";
        var pick = Enumerable.Range(0, names.Count).ToList();
        if (!string.IsNullOrWhiteSpace(columns))
        {
            pick = [];
            foreach (var c in columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var i = IndexOf(names, c);
                if (i < 0) return $"--columns: no column '{c}' (columns: {string.Join(", ", names)})";
                pick.Add(i);
            }
        }

        switch (format)
        {
            case "csv":
                output.Raw(string.Join(',', pick.Select(i => Csv(names[i]))));
                foreach (var r in rows) output.Raw(string.Join(',', pick.Select(i => Csv(r[i] ?? ""))));
                return null;
            case "json":
                output.Raw(Json(names, rows, pick));
                return null;
        }

        var width = Math.Max(40, output.Console.Profile.Width);
        var widths = pick.ToDictionary(i => i, i => Math.Min(MaxCell, Math.Max(names[i].Length, rows.Count == 0 ? 0 : rows.Max(r => (r[i] ?? "NULL").Length))));
        var shown = new List<int>();
        var used = 1; // left border
        foreach (var i in pick)
        {
            var need = widths[i] + 3; // padding + separator
            if (shown.Count > 0 && used + need > width) break;
            shown.Add(i);
            used += need;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var i in shown) table.AddColumn(new TableColumn(Markup.Escape(Cut(names[i], widths[i]))).NoWrap());
        foreach (var r in rows) table.AddRow(shown.Select(i => Markup.Escape(Cut(r[i] ?? "NULL", widths[i]))).ToArray());
        output.Console.Write(table);
        var hidden = pick.Where(i => !shown.Contains(i)).Select(i => names[i]).ToList();
        if (hidden.Count > 0)
        {
            output.Raw($"{hidden.Count} more column{(hidden.Count == 1 ? "" : "s")} not shown (window is {width} characters): " +
                $"{string.Join(", ", hidden)}. Use --columns a,b or --output csv|json to see them.");
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Csv(string v) =>
        v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    private static string Json(IReadOnlyList<string> names, IReadOnlyList<string?[]> rows, List<int> pick)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var r in rows)
            {
                w.WriteStartObject();
                foreach (var i in pick)
                {
                    if (r[i] is null) w.WriteNull(names[i]); else w.WriteString(names[i], r[i]);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Cells as `show` prints them: exact decimals from <paramref name="format"/>, null stays null.</summary>
    public static string?[] Cells(IReadOnlyList<object?> row, Func<object?, int, string> format) =>
        [.. row.Select((v, i) => v is null || v is DBNull ? null : format(v, i))];
}
