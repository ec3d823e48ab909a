namespace Ngdbt.Templating.Jinja;

/// <summary>The Jinja macros of a project (its own, shipped ones and packages'), its docs blocks and dispatch settings.
/// Built once when the project loads and read concurrently afterwards.</summary>
public sealed class JinjaEnvironment
{
    private readonly Dictionary<string, JinjaMacro> _root = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, JinjaMacro>> _packages = new(StringComparer.Ordinal);

    internal JinjaEnvironment(string projectName, string adapterType)
    {
        ProjectName = projectName;
        AdapterType = adapterType;
    }

    public string ProjectName { get; }

    public string AdapterType { get; }

    /// <summary>`{% docs name %}` blocks: name → Markdown.</summary>
    public Dictionary<string, string> Docs { get; } = new(StringComparer.Ordinal);

    /// <summary>dbt_project.yml `dispatch`: macro namespace → packages searched, in order.</summary>
    public Dictionary<string, IReadOnlyList<string>> DispatchOrder { get; } = new(StringComparer.Ordinal);

    /// <summary>Static refs and sources of each macro (by name), so a model that calls one depends on them as in dbt.</summary>
    internal Dictionary<string, JinjaStatic> MacroStatics { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> MacroNames => _root.Keys;

    public bool HasMacro(string name) => _root.ContainsKey(name);

    internal void Add(JinjaMacro macro, string? package)
    {
        var key = package ?? ProjectName;
        if (!_packages.TryGetValue(key, out var ns))
        {
            _packages[key] = ns = new Dictionary<string, JinjaMacro>(StringComparer.Ordinal);
        }

        ns[macro.Name] = macro;
        // The project's own macro wins over a package's of the same name; the first package's wins over later ones.
        if (package is null || !_root.ContainsKey(macro.Name))
        {
            _root[macro.Name] = macro;
        }
    }

    internal JinjaMacro? Find(string name) => _root.GetValueOrDefault(name);

    internal JinjaMacro? Find(string package, string name)
        => _packages.TryGetValue(package, out var ns) ? ns.GetValueOrDefault(name) : null;

    internal bool IsPackage(string name) => _packages.ContainsKey(name) && name != ProjectName || name == "dbt";

    /// <summary>adapter.dispatch: `&lt;adapter&gt;__name`, then `default__name`, in the root project, then the namespace's packages.</summary>
    internal JinjaMacro? Dispatch(string name, string? macroNamespace)
    {
        IReadOnlyList<string> order = macroNamespace is not null && DispatchOrder.TryGetValue(macroNamespace, out var configured)
            ? configured
            : [ProjectName, .. macroNamespace is null ? Array.Empty<string>() : [macroNamespace], "dbt", "ngdbt"];
        foreach (var package in order)
        {
            foreach (var candidate in new[] { AdapterType + "__" + name, "default__" + name })
            {
                if (Find(package, candidate) is { } macro)
                {
                    return macro;
                }
            }
        }

        return null;
    }
}
