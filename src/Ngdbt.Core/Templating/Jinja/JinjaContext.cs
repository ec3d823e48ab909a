using Ngdbt.Adapters;
using Ngdbt.Diagnostics;

namespace Ngdbt.Templating.Jinja;

/// <summary>The dbt context a Jinja template renders in: ref/source/config/var/env_var/this/target/is_incremental from
/// <see cref="RenderScope"/> (so Jinja and Scriban templates resolve names the same way), plus dbt's Jinja-only
/// globals (execute, model, graph, modules, log, exceptions, return, adapter, run_query, statement, ...).</summary>
internal static partial class JinjaContext
{
    public static Frame Build(RenderScope scope, JinjaSource source)
    {
        var extras = scope.Jinja;
        var root = new Frame(null);
        root.Set("ref", new JinjaFunction(c =>
        {
            var span = c.Renderer.Span(c.Offset);
            var rendered = c.Args switch
            {
                [string name] => scope.Ref(new RefCall(name, null, span)),
                [string pkg, string name] => scope.Ref(new RefCall(name, pkg, span)),
                _ => throw c.Error("ref() takes one or two strings: ref('model') or ref('package', 'model')"),
            };
            return Relation(rendered, c.Args[^1] as string);
        }));
        root.Set("source", new JinjaFunction(c => c.Args is [string s, string t]
            ? Relation(scope.Source(new SourceCall(s, t, c.Renderer.Span(c.Offset))), t)
            : throw c.Error("source() takes two strings: source('source_name', 'table_name')")));
        root.Set("config", new ConfigObject(scope, extras));
        root.Set("var", new JinjaFunction(c =>
        {
            var name = c.StringArg(0, "name") ?? throw c.Error("var() takes a name and an optional default");
            if (scope.Vars.TryGetValue(name, out var value))
            {
                return value;
            }

            return c.Args.Count > 1 ? c.Args[1] : throw c.Error($"var '{name}' is not defined in the project's vars or --vars, and no default was given");
        }));
        root.Set("env_var", new JinjaFunction(c =>
        {
            var name = c.StringArg(0, "name") ?? throw c.Error("env_var() takes a name and an optional default");
            return scope.EnvVar(name) ?? (c.Args.Count > 1 ? c.Args[1] : throw c.Error($"environment variable '{name}' is not set and no default was given"));
        }));
        root.Set("is_incremental", new JinjaFunction(_ => scope.IsIncremental()));
        root.Set("target", new Dictionary<string, object?>(scope.Target, StringComparer.Ordinal));
        foreach (var (k, v) in scope.Globals ?? new Dictionary<string, object?>())
        {
            root.Set(k, v);
        }

        root.Set("this", scope.This is null ? new Undefined("this") : scope.This);
        root.Set("execute", extras?.Execute ?? false);
        root.Set("model", extras?.Model is { } model ? new Dictionary<string, object?>(model, StringComparer.Ordinal) : new Undefined("model"));
        root.Set("graph", new LazyObject(() => extras?.Graph?.Invoke() ?? new Dictionary<string, object?>()));
        root.Set("modules", JinjaModules.Modules());
        root.Set("project_name", extras?.Environment.ProjectName);
        root.Set("doc", new JinjaFunction(c =>
        {
            var name = c.StringArg(c.Args.Count > 1 ? 1 : 0, "name") ?? throw c.Error("doc() takes the name of a docs block");
            return extras?.Environment.Docs.TryGetValue(name, out var text) == true
                ? text
                : throw c.Error($"doc('{name}') does not match any {{% docs %}} block{Load.Suggest.Hint(Load.Suggest.Closest(name, (IEnumerable<string>?)extras?.Environment.Docs.Keys ?? []))}");
        }));
        root.Set("return", new JinjaFunction(c => throw new ReturnSignal(c.Args.Count > 0 ? c.Args[0] : null)));
        root.Set("log", new JinjaFunction(c =>
        {
            extras?.Log?.Invoke(c.StringArg(0, "msg") ?? string.Empty);
            return string.Empty;
        }));
        root.Set("print", root.TryGet("log", out var log) ? log : null);
        root.Set("exceptions", new MembersObject(new Dictionary<string, object?>
        {
            ["raise_compiler_error"] = new JinjaFunction(c => throw c.Error(c.StringArg(0, "msg") ?? "compiler error")),
            ["warn"] = new JinjaFunction(c =>
            {
                extras?.Log?.Invoke("warning: " + c.StringArg(0, "msg"));
                return string.Empty;
            }),
        }));
        AddPythonBuiltins(root);
        AddAdapter(root, scope, extras);
        return root;
    }

    /// <summary>A relation from the rendered name the scope gave (`"main"."orders"`), with its parts as attributes.</summary>
    private static RelationValue Relation(string rendered, string? identifier)
    {
        var parts = rendered.Split('.').Select(p => p.Trim('"', '`')).ToArray();
        return new RelationValue(parts.Length > 1 ? parts[^2] : string.Empty, parts.Length > 0 ? parts[^1] : identifier ?? rendered, rendered);
    }

    /// <summary>Name lookup after the frames: project macros, package namespaces, then Scriban macros of the same scope.</summary>
    public static Func<string, object?> Fallback(RenderScope scope, Func<ScribanBridge> bridge)
    {
        var environment = scope.Jinja?.Environment;
        return name =>
        {
            if (environment?.Find(name) is { } macro)
            {
                return macro;
            }

            if (environment is not null && environment.IsPackage(name))
            {
                return new PackageNamespace(environment, name, bridge);
            }

            return scope.Macros is not null && scope.Macros.ContainsKey(name) ? bridge().Function(name) : null;
        };
    }

    private sealed class PackageNamespace(JinjaEnvironment environment, string package, Func<ScribanBridge> bridge) : IJinjaObject
    {
        public bool TryGetAttr(string name, out object? value)
        {
            // dbt.<macro>: the project's or an adapter's implementation through dispatch, then ngdbt's Scriban ones.
            value = environment.Find(package, name)
                ?? (package == "dbt" ? (object?)environment.Dispatch(name, "dbt") ?? environment.Find(name) ?? bridge().FunctionOrNull(name) : null);
            return value is not null;
        }
    }

    internal sealed class MembersObject(IReadOnlyDictionary<string, object?> members) : IJinjaObject
    {
        public bool TryGetAttr(string name, out object? value) => members.TryGetValue(name, out value);
    }

    private sealed class LazyObject(Func<IReadOnlyDictionary<string, object?>> load) : IJinjaObject, System.Collections.IEnumerable
    {
        private IReadOnlyDictionary<string, object?>? _value;

        public bool TryGetAttr(string name, out object? value) => (_value ??= load()).TryGetValue(name, out value);

        public System.Collections.IEnumerator GetEnumerator() => (_value ??= load()).Keys.GetEnumerator();
    }
}
