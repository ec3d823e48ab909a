namespace Ngdbt.Templating.Jinja;

/// <summary>A scope of variables; a for loop and a macro call open a child scope, `if` does not (Jinja's rules).</summary>
internal sealed class Frame(Frame? parent)
{
    private Dictionary<string, object?>? _vars;

    public Frame? Parent { get; } = parent;

    public bool TryGet(string name, out object? value)
    {
        for (var f = this; f is not null; f = f.Parent)
        {
            if (f._vars is not null && f._vars.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Set(string name, object? value) => (_vars ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;

    public IEnumerable<KeyValuePair<string, object?>> Own => _vars ?? [];
}

/// <summary>A macro (or a call block's body, bound to <c>caller</c>): called, it renders its body in a new scope and
/// returns the text, or the value given to <c>return()</c>.</summary>
internal sealed class JinjaMacro(string name, IReadOnlyList<MacroParam> parameters, IReadOnlyList<Stmt> body, JinjaSource source, Frame? closure) : IJinjaCallable
{
    public string Name { get; } = name;

    public IReadOnlyList<MacroParam> Parameters { get; } = parameters;

    public JinjaSource Source { get; } = source;

    internal IReadOnlyList<Stmt> Body { get; } = body;

    /// <summary>The package the macro belongs to (null: the project's own), for <c>package.macro()</c> and dispatch.</summary>
    public string? Package { get; init; }

    public int Offset { get; init; }

    public object? Call(JinjaCall call)
    {
        var renderer = call.Renderer;
        var frame = new Frame(closure ?? renderer.Root);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (call.Kwargs.TryGetValue(p.Name, out var kw))
            {
                frame.Set(p.Name, kw);
                used.Add(p.Name);
            }
            else if (i < call.Args.Count)
            {
                frame.Set(p.Name, call.Args[i]);
            }
            else
            {
                frame.Set(p.Name, p.Default is null ? new Undefined(p.Name) : renderer.EvalIn(Source, p.Default, frame));
            }
        }

        frame.Set("varargs", call.Args.Skip(Parameters.Count).ToList());
        frame.Set("kwargs", call.Kwargs.Where(kv => !used.Contains(kv.Key) && !Parameters.Any(p => p.Name == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        if (call.Caller is not null)
        {
            frame.Set("caller", call.Caller);
        }

        var output = new System.Text.StringBuilder();
        try
        {
            renderer.ExecIn(Source, Body, frame, output);
        }
        catch (ReturnSignal signal)
        {
            return signal.Value;
        }

        return output.ToString();
    }
}

/// <summary>Thrown by <c>return(value)</c> and caught by the macro call it is in.</summary>
internal sealed class ReturnSignal(object? value) : Exception
{
    public object? Value { get; } = value;
}
