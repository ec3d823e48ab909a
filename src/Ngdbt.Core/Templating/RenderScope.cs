using Ngdbt.Diagnostics;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Templating;

/// <summary>What a template can see while it renders. Parse-time and execute-time scopes differ only in these callbacks
/// (dbt's parse vs execute providers).</summary>
public sealed record RenderScope(
    Func<RefCall, string> Ref,
    Func<SourceCall, string> Source,
    Func<bool> IsIncremental,
    RelationValue? This,
    IReadOnlyDictionary<string, object?> Vars,
    Func<string, string?> EnvVar,
    IReadOnlyDictionary<string, object?> Target,
    ScriptObject? Macros,
    Action<ConfigCall>? OnConfig = null,
    Jinja.JinjaExtras? Jinja = null,
    IReadOnlyDictionary<string, object?>? Globals = null,
    Func<string, Adapters.QueryResult>? Query = null);

public static class TemplateRuntime
{
    /// <summary>Scriban's built-in functions, created once: a new TemplateContext would otherwise rebuild them for every
    /// render, which was most of the cost of compiling 10,000 models. Read-only after construction, so shared.</summary>
    internal static readonly ScriptObject Builtins = new Scriban.Functions.BuiltinFunctions();

    private static readonly MemberRenamerDelegate SnakeCaseRenamer = m => ToSnakeCase(m.Name);

    public static TemplateContext NewContext() => new(Builtins) { StrictVariables = true, LoopLimit = 1_000_000 };

    public static readonly IReadOnlySet<string> BuiltinNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "ref", "source", "config", "var", "env_var", "is_incremental", "target", "this", TemplateParser.ThisVariable, "return",
    };

    /// <summary>A context for one render: this scope's own writable globals over the shared, read-only macros.
    /// <paramref name="reuse"/> is a context a finished render gave back (reset: only the builtins left), else a new one.</summary>
    public static TemplateContext CreateContext(RenderScope scope, string file, TemplateContext? reuse = null)
    {
        var globals = new ScriptObject();
        globals["ref"] = new DelegateFunction((ctx, call, args, _) =>
        {
            var span = Span(file, call);
            return args switch
            {
                [string name] => scope.Ref(new RefCall(name, null, span)),
                [string pkg, string name] => scope.Ref(new RefCall(name, pkg, span)),
                _ => throw new ScriptRuntimeException(call?.Span ?? default, "ref() takes one or two strings"),
            };
        });
        globals["source"] = new DelegateFunction((ctx, call, args, _) => args is [string s, string t]
            ? scope.Source(new SourceCall(s, t, Span(file, call)))
            : throw new ScriptRuntimeException(call?.Span ?? default, "source() takes two strings"));
        globals["config"] = new DelegateFunction((ctx, call, args, named) =>
        {
            scope.OnConfig?.Invoke(ToConfig(file, call, args, named));
            return string.Empty;
        });
        globals["var"] = new DelegateFunction((ctx, call, args, _) =>
        {
            if (args is not [string name, ..])
            {
                throw new ScriptRuntimeException(call?.Span ?? default, "var() takes a name and an optional default");
            }

            if (scope.Vars.TryGetValue(name, out var value))
            {
                return value;
            }

            return args.Count > 1 ? args[1] : throw new ScriptRuntimeException(call?.Span ?? default, $"var '{name}' is not defined in project.yml vars or --vars, and no default was given");
        });
        globals["env_var"] = new DelegateFunction((ctx, call, args, _) =>
        {
            if (args is not [string name, ..])
            {
                throw new ScriptRuntimeException(call?.Span ?? default, "env_var() takes a name and an optional default");
            }

            return scope.EnvVar(name) ?? (args.Count > 1 ? args[1] : throw new ScriptRuntimeException(call?.Span ?? default, $"environment variable '{name}' is not set and no default was given"));
        });
        globals["is_incremental"] = new DelegateFunction((_, _, _, _) => scope.IsIncremental());
        var target = new ScriptObject();
        foreach (var (k, v) in scope.Target)
        {
            target[k] = v;
        }

        globals["target"] = target;
        foreach (var (k, v) in scope.Globals ?? new Dictionary<string, object?>())
        {
            globals[k] = ToScript(v);
        }

        globals[TemplateParser.ThisVariable] = scope.This;
        AddRunQuery(globals, scope);
        var context = reuse ?? NewContext();
        context.MemberRenamer = SnakeCaseRenamer;
        // The shared, read-only macros sit below this render's own writable globals: an assignment lands in the top
        // (current) global, so one model's variables are never seen by another, whatever the thread timing.
        if (scope.Macros is not null)
        {
            context.PushGlobal(scope.Macros);
        }

        context.PushGlobal(globals);
        return context;
    }

    /// <summary>Native Scriban `run_query(sql)`: the rows as objects by column name (`r.c`), read when the node runs (the
    /// executor renders a node that calls it again after its parents are built); `execute` says whether a warehouse is
    /// there. Without one (parse time) it returns no rows, as dbt's run_query gives none while parsing. A project macro
    /// named run_query or execute keeps its name.</summary>
    private static void AddRunQuery(ScriptObject globals, RenderScope scope)
    {
        if (scope.Macros?.ContainsKey("run_query") != true)
        {
            globals["run_query"] = new DelegateFunction((_, call, args, _) =>
            {
                if (args is not [string sql])
                {
                    throw new ScriptRuntimeException(call?.Span ?? default, "run_query() takes the SQL text");
                }

                if (scope.Query is null)
                {
                    return new ScriptArray();
                }

                Adapters.QueryResult result;
                try
                {
                    result = scope.Query(sql);
                }
                catch (Adapters.AdapterSqlException e)
                {
                    throw new ScriptRuntimeException(call?.Span ?? default, $"the query of run_query failed: {e.Message}");
                }

                var rows = new ScriptArray();
                foreach (var row in result.Rows)
                {
                    var o = new ScriptObject();
                    for (var c = 0; c < result.Columns.Count; c++)
                    {
                        o[result.Columns[c].Name] = row[c] is System.DBNull ? null : row[c];
                    }

                    rows.Add(o);
                }

                return rows;
            });
        }

        if (scope.Macros?.ContainsKey("execute") != true)
        {
            globals["execute"] = scope.Query is not null;
        }
    }

    /// <summary>Plain values (dictionaries, lists, scalars) as Scriban objects, so `r.node.name` and `for` work on them.</summary>
    private static object? ToScript(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.Aggregate(new ScriptObject(), (o, kv) => { o[kv.Key] = ToScript(kv.Value); return o; }),
        string => value,
        IEnumerable<object?> list => new ScriptArray(list.Select(ToScript)),
        _ => value,
    };

    public static ConfigCall ToConfig(string file, ScriptFunctionCall? call, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> named)
    {
        var values = new Dictionary<string, object?>(named, StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (arg is IReadOnlyDictionary<string, object?> dict)
            {
                foreach (var (k, v) in dict)
                {
                    values[k] = v;
                }
            }
        }

        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        if (call is not null)
        {
            foreach (var na in call.Arguments.OfType<ScriptNamedArgument>().Where(a => a.Name is not null))
            {
                spans[na.Name!.Name] = TemplateParser.ToSpan(file, na.Name.Span.Start);
            }
        }

        foreach (var key in values.Keys.Where(k => !spans.ContainsKey(k)).ToList())
        {
            spans[key] = Span(file, call);
        }

        return new ConfigCall(values, spans);
    }

    private static SourceSpan Span(string file, ScriptNode? node) => node is null ? new SourceSpan(file, 1, 1) : TemplateParser.ToSpan(node.Span.FileName ?? file, node.Span.Start);

    private static string ToSnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
