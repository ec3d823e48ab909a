using System.Security.Cryptography;
using System.Text;
using Ngdbt.Adapters;

namespace Ngdbt.Templating.Jinja;

internal static partial class JinjaContext
{
    private static void AddPythonBuiltins(Frame root)
    {
        root.Set("range", new JinjaFunction(c =>
        {
            var n = c.Args.Select(a => (long)JinjaValues.ToDecimal(a)).ToList();
            var (start, stop, step) = n.Count switch { 1 => (0L, n[0], 1L), 2 => (n[0], n[1], 1L), 3 => (n[0], n[1], n[2]), _ => throw c.Error("range() takes 1 to 3 numbers") };
            if (step == 0 || Math.Abs((stop - start) / step) > 1_000_000)
            {
                throw c.Error("range() step must not be zero and the range at most 1,000,000 long");
            }

            var list = new List<object?>();
            for (var i = start; step > 0 ? i < stop : i > stop; i += step)
            {
                list.Add(i);
            }

            return list;
        }));
        root.Set("dict", new JinjaFunction(c =>
        {
            var d = c.Args.Count > 0 && c.Args[0] is IDictionary<string, object?> src ? new Dictionary<string, object?>(src, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (k, v) in c.Kwargs)
            {
                d[k] = v;
            }

            return d;
        }));
        root.Set("list", new JinjaFunction(c => c.Args.Count == 0 ? new List<object?>() : JinjaValues.Iterate(c.Args[0])));
        root.Set("set", new JinjaFunction(c => c.Args.Count == 0 ? new List<object?>() : JinjaValues.Iterate(c.Args[0]).DistinctBy(JinjaValues.Repr).ToList()));
        root.Set("namespace", new JinjaFunction(c => new JinjaNamespace(new Dictionary<string, object?>(c.Kwargs, StringComparer.Ordinal))));
        root.Set("zip", new JinjaFunction(c =>
        {
            var lists = c.Args.Select(JinjaValues.Iterate).ToList();
            var n = lists.Count == 0 ? 0 : lists.Min(l => l.Count);
            return Enumerable.Range(0, n).Select(i => (object?)lists.Select(l => l[i]).ToList()).ToList();
        }));
        root.Set("tojson", new JinjaFunction(c => System.Text.Json.JsonSerializer.Serialize(JinjaFilters.ToJson(c.Arg(0, "value")))));
        root.Set("fromjson", new JinjaFunction(c => FromJson(System.Text.Json.JsonDocument.Parse(c.StringArg(0, "string") ?? "null").RootElement)));
        root.Set("local_md5", new JinjaFunction(c => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(c.StringArg(0, "value") ?? string.Empty)))));
        root.Set("run_started_at", DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Utc));
        root.Set("invocation_id", Guid.NewGuid().ToString());
        root.Set("dbt_version", "1.8.0");
        root.Set("flags", new MembersObject(new Dictionary<string, object?> { ["FULL_REFRESH"] = false, ["WHICH"] = "run" }));
    }

    private static object? FromJson(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        System.Text.Json.JsonValueKind.String => e.GetString(),
        System.Text.Json.JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDecimal(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };

    private static void AddAdapter(Frame root, RenderScope scope, JinjaExtras? extras)
    {
        var results = new Dictionary<string, object?>(StringComparer.Ordinal);
        object? RunQuery(JinjaCall c, string sql)
        {
            if (extras?.Execute != true)
            {
                return null;
            }

            if (extras.Query is null)
            {
                throw c.Error("run_query/statement need a warehouse connection, which this render does not have");
            }

            try
            {
                return new AgateTable(extras.Query(sql));
            }
            catch (AdapterSqlException e)
            {
                throw c.Error($"the query of run_query/statement failed: {e.Message}");
            }
        }

        var adapter = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = new JinjaFunction(_ => extras?.Environment.AdapterType ?? string.Empty),
            ["quote"] = new JinjaFunction(c => extras?.Dialect?.Quote(c.StringArg(0, "identifier") ?? string.Empty) ?? "\"" + c.StringArg(0, "identifier") + "\""),
            ["dispatch"] = new JinjaFunction(c =>
            {
                var name = c.StringArg(0, "macro_name") ?? throw c.Error("adapter.dispatch() needs a macro name");
                var ns = c.StringArg(1, "macro_namespace");
                return (object?)extras?.Environment.Dispatch(name, ns)
                    ?? (scope.Macros is not null && scope.Macros.ContainsKey(name) ? new ScribanBridge(scope, c.Renderer.Current.File).Function(name) : null)
                    ?? throw c.Error($"adapter.dispatch('{name}'{(ns is null ? string.Empty : $", '{ns}'")}): no macro {extras?.Environment.AdapterType}__{name} or default__{name} found");
            }),
            ["get_relation"] = new JinjaFunction(c =>
            {
                var schema = c.StringArg(1, "schema") ?? string.Empty;
                var identifier = c.StringArg(2, "identifier") ?? string.Empty;
                var relation = new RelationRef(schema, identifier);
                return extras?.Columns?.Invoke(relation) is null ? null : new RelationValue(schema, identifier, extras.Dialect?.Relation(schema, identifier) ?? $"{schema}.{identifier}");
            }),
            ["get_columns_in_relation"] = new JinjaFunction(c =>
            {
                var r = c.Arg(0, "relation") as RelationValue ?? throw c.Error("adapter.get_columns_in_relation() takes a relation (ref(), source() or this)");
                var columns = extras?.Columns?.Invoke(new RelationRef(r.Schema, r.Identifier)) ?? [];
                return columns.Select(col => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = col.Name,
                    ["column"] = col.Name,
                    ["data_type"] = col.Type,
                    ["dtype"] = col.Type,
                    ["quoted"] = extras?.Dialect?.Quote(col.Name) ?? col.Name,
                }).ToList();
            }),
        };
        root.Set("adapter", adapter);
        root.Set("run_query", new JinjaFunction(c => RunQuery(c, c.StringArg(0, "sql") ?? string.Empty)));
        root.Set("statement", new JinjaFunction(c =>
        {
            var name = c.StringArg(0, "name") ?? "main";
            var sql = c.Caller is null ? string.Empty : JinjaValues.ToStr(c.Caller.Call(c with { Args = [], Kwargs = new Dictionary<string, object?>(), Caller = null }));
            var table = RunQuery(c, sql);
            results[name] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["table"] = table,
                ["data"] = (table as AgateTable)?.Rows,
                ["response"] = new Dictionary<string, object?> { ["code"] = "OK" },
            };
            return string.Empty;
        }));
        root.Set("load_result", new JinjaFunction(c => results.GetValueOrDefault(c.StringArg(0, "name") ?? string.Empty)));
    }

    /// <summary>dbt's agate table as run_query returns it: `.rows` (lists), `.columns` (`.name`, `.values()`), `[i]`.</summary>
    private sealed class AgateTable(QueryResult result) : IJinjaObject, System.Collections.IEnumerable
    {
        public List<object?> Rows { get; } = [.. result.Rows.Select(r => (object?)r.Select(Plain).ToList())];

        public bool TryGetAttr(string name, out object? value)
        {
            value = name switch
            {
                "rows" => Rows,
                "column_names" => result.Columns.Select(c => (object?)c.Name).ToList(),
                "columns" => result.Columns.Select((c, i) => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = c.Name,
                    ["values"] = new JinjaFunction(_ => Rows.Select(r => ((List<object?>)r!)[i]).ToList()),
                }).ToList(),
                "print_table" => new JinjaFunction(_ => string.Empty),
                _ => null,
            };
            return value is not null;
        }

        public System.Collections.IEnumerator GetEnumerator() => Rows.GetEnumerator();

        private static object? Plain(object? v) => v switch
        {
            int i => (long)i,
            short s => (long)s,
            double d => (decimal)d,
            float f => (decimal)f,
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            System.Numerics.BigInteger b => (long)b,
            DBNull => null,
            _ => v,
        };
    }

    /// <summary>config(...) at render time, and config.get / config.require reading the node's resolved configs.</summary>
    private sealed class ConfigObject(RenderScope scope, JinjaExtras? extras) : IJinjaObject, IJinjaCallable
    {
        public object? Call(JinjaCall call)
        {
            var values = new Dictionary<string, object?>(call.Kwargs, StringComparer.Ordinal);
            foreach (var d in call.Args.OfType<IDictionary<string, object?>>())
            {
                foreach (var (k, v) in d)
                {
                    values[k] = v;
                }
            }

            var span = call.Renderer.Span(call.Offset);
            scope.OnConfig?.Invoke(new ConfigCall(values, values.Keys.ToDictionary(k => k, _ => span, StringComparer.Ordinal)));
            return string.Empty;
        }

        public bool TryGetAttr(string name, out object? value)
        {
            var config = extras?.NodeConfig ?? new Dictionary<string, object?>();
            value = name switch
            {
                "get" => new JinjaFunction(c => config.TryGetValue(c.StringArg(0, "name") ?? string.Empty, out var v) && v is not null ? v : c.Arg(1, "default")),
                "require" => new JinjaFunction(c => config.TryGetValue(c.StringArg(0, "name") ?? string.Empty, out var v) && v is not null ? v : throw c.Error($"config '{c.StringArg(0, "name")}' is required but not set")),
                _ => null,
            };
            return value is not null;
        }
    }
}
