using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Templating;

/// <summary>
/// Which templates and macros may be served by the partial parse caches: those whose render reads nothing but what the
/// caches' keys hold. A template may read `ref`, `source`, `config`, `var`, `target`, `is_incremental`, `this` and
/// pure macros, and the names it assigns itself (never one that shadows a built-in or a macro); a macro may read
/// `var`, `target`, `is_incremental`, its parameters, what it assigns and other pure macros. Anything else (env_var,
/// run_query, Scriban's built-ins such as `date.now`, `include`, `import`, `with`, a macro's `this`, a macro file with
/// statements outside its functions, a Jinja macro) makes it impure: it is then parsed and rendered every time.
/// </summary>
internal static class TemplatePurity
{
    private static readonly IReadOnlySet<string> TemplateReads = new HashSet<string>(StringComparer.Ordinal)
    {
        "ref", "source", "config", "var", "target", "is_incremental", TemplateParser.ThisVariable,
    };

    private static readonly IReadOnlySet<string> MacroReads = new HashSet<string>(StringComparer.Ordinal) { "var", "target", "is_incremental" };

    /// <summary>What one template or function reads and assigns (global names), and whether it uses a construct that is
    /// never pure.</summary>
    private sealed class Names
    {
        public HashSet<string> Reads { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Assigns { get; } = new(StringComparer.Ordinal);

        public bool Denied { get; set; }
    }

    /// <summary>The pure macros and every name the macro scope defines (none of which a pure template may assign).</summary>
    internal sealed record MacroPurity(IReadOnlySet<string> Pure, IReadOnlySet<string> Defined);

    public static bool IsPureTemplate(ScriptPage page, MacroPurity macros)
    {
        var names = Collect(page);
        return !names.Denied
               && names.Assigns.All(a => !IsReserved(a, macros))
               && names.Reads.All(r => TemplateReads.Contains(r) || macros.Pure.Contains(r) || names.Assigns.Contains(r));
    }

    /// <summary>The pure macros among <paramref name="functions"/> (each macro name with the function that defines it,
    /// null for a macro that is not a Scriban function of a clean macro file).</summary>
    public static MacroPurity Macros(IReadOnlyDictionary<string, ScriptFunction?> functions, IEnumerable<string> defined)
    {
        var all = new HashSet<string>(defined, StringComparer.Ordinal);
        all.UnionWith(functions.Keys);
        var candidates = new Dictionary<string, Names>(StringComparer.Ordinal);
        foreach (var (name, function) in functions)
        {
            if (function is not null)
            {
                var names = Collect(function.Body);
                foreach (var p in function.Parameters ?? [])
                {
                    if (p.Name is { } parameter)
                    {
                        names.Assigns.Add(parameter.Name);
                    }
                }

                candidates[name] = names;
            }
        }

        var pure = new HashSet<string>(candidates.Keys, StringComparer.Ordinal);
        var context = new MacroPurity(pure, all);
        bool changed;
        do
        {
            changed = false;
            foreach (var (name, names) in candidates)
            {
                if (pure.Contains(name) && (names.Denied || !names.Reads.All(r => MacroReads.Contains(r) || names.Assigns.Contains(r) || pure.Contains(r))))
                {
                    pure.Remove(name);
                    changed = true;
                }
            }
        }
        while (changed);

        return context;
    }

    /// <summary>A name a pure template may not assign: a built-in, a name of the render's scope or a macro.</summary>
    private static bool IsReserved(string name, MacroPurity macros)
        => TemplateRuntime.Builtins.ContainsKey(name) || TemplateRuntime.BuiltinNames.Contains(name) || TemplateReads.Contains(name)
           || name is "run_query" or "execute" || macros.Defined.Contains(name);

    private static Names Collect(ScriptNode? node)
    {
        var names = new Names();
        if (node is not null)
        {
            Walk(node, names);
        }

        return names;
    }

    private static void Walk(ScriptNode node, Names names)
    {
        switch (node)
        {
            case ScriptImportStatement or ScriptWithStatement or ScriptWrapStatement or ScriptReadOnlyStatement or ScriptThisExpression:
                names.Denied = true;
                return;
            case ScriptVariableGlobal variable:
                names.Reads.Add(variable.Name);
                return;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is not { } child || IsName(node, child))
            {
                continue;
            }

            if (IsBinding(node, child) && child is ScriptVariableGlobal bound)
            {
                names.Assigns.Add(bound.Name);
                continue;
            }

            Walk(child, names);
        }
    }

    /// <summary>A child that names a member or an argument, not a variable read.</summary>
    private static bool IsName(ScriptNode parent, ScriptNode child) => parent switch
    {
        ScriptMemberExpression m => ReferenceEquals(child, m.Member),
        ScriptNamedArgument a => ReferenceEquals(child, a.Name),
        ScriptObjectMember o => ReferenceEquals(child, o.Name),
        _ => false,
    };

    /// <summary>A child that a statement binds: an assignment's target, a loop variable, a function's name or parameter.</summary>
    private static bool IsBinding(ScriptNode parent, ScriptNode child) => parent switch
    {
        ScriptAssignExpression a => ReferenceEquals(child, a.Target),
        ScriptForStatement f => ReferenceEquals(child, f.Variable),
        ScriptFunction f => ReferenceEquals(child, f.NameOrDoToken),
        ScriptParameter p => ReferenceEquals(child, p.Name),
        _ => false,
    };
}
