using System.Text.Json;
using Ngdbt.Diff;

namespace Ngdbt.Cli.Output;

/// <summary>`ngdbt diff --output json`: the report with exact decimal numbers (money totals and deltas are never floats).</summary>
internal static class DiffJson
{
    public static string Write(DiffReport r)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("model", r.Model);
            w.WriteString("left", r.Left);
            w.WriteString("right", r.Right);
            Strings(w, "key", r.Key);
            w.WriteNumber("tolerance", r.Tolerance);
            w.WriteBoolean("different", r.HasDifferences);
            w.WriteStartObject("schema");
            w.WriteStartArray("added");
            foreach (var c in r.Added)
            {
                Column(w, c.Name, c.Type);
            }

            w.WriteEndArray();
            w.WriteStartArray("removed");
            foreach (var c in r.Removed)
            {
                Column(w, c.Name, c.Type);
            }

            w.WriteEndArray();
            w.WriteStartArray("type_changed");
            foreach (var c in r.TypeChanged)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("left_type", c.LeftType);
                w.WriteString("right_type", c.RightType);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("rows");
            w.WriteNumber("left", r.LeftRows);
            w.WriteNumber("right", r.RightRows);
            w.WriteNumber("only_left", r.OnlyLeft);
            w.WriteNumber("only_right", r.OnlyRight);
            w.WriteNumber("on_both", r.Matched);
            w.WriteNumber("changed", r.Changed);
            w.WriteEndObject();
            w.WriteStartArray("columns");
            foreach (var c in r.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                w.WriteNumber("differing", c.Differing);
                w.WriteNumber("match_rate", decimal.Round(c.MatchRate, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("money");
            foreach (var m in r.Money)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteNumber("left_total", m.LeftTotal);
                w.WriteNumber("right_total", m.RightTotal);
                w.WriteNumber("total_delta", m.TotalDelta);
                w.WriteNumber("delta_on_both", m.MatchedDelta);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("sample");
            foreach (var s in r.Sample)
            {
                w.WriteStartObject();
                w.WriteString("side", s.Side);
                Strings(w, "key", s.Key);
                w.WriteStartObject("values");
                foreach (var (column, left, right) in s.Values)
                {
                    w.WriteStartObject(column);
                    w.WriteString("left", left);
                    w.WriteString("right", right);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Column(Utf8JsonWriter w, string name, string type)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", type);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
