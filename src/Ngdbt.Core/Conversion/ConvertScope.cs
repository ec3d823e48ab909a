namespace Ngdbt.Conversion;

/// <summary>What the converter knows at a point of one template: the loops and macro it is inside, the names it calls.</summary>
internal sealed class ConvertScope(Func<string, int, string> nested)
{
    public int LoopDepth { get; set; }

    /// <summary>The macro being converted, or null outside macros.</summary>
    public string? CurrentMacro { get; set; }

    /// <summary>Names the template binds itself (set, for, macro parameters); they may shadow dbt's context names.</summary>
    public HashSet<string> Locals { get; } = new(StringComparer.Ordinal);

    /// <summary>Names known to hold a boolean (a macro parameter defaulting to true/false, a variable set to one).</summary>
    public HashSet<string> Booleans { get; } = new(StringComparer.Ordinal);

    /// <summary>Project vars whose value (in dbt_project.yml) is a boolean.</summary>
    public IReadOnlySet<string> BooleanVars { get; init; } = new HashSet<string>();

    public HashSet<string> Called { get; } = new(StringComparer.Ordinal);

    /// <summary>Converts a template held in a string literal (a hook), at <paramref name="offset"/> of the outer file.</summary>
    public string Nested(string template, int offset) => nested(template, offset);
}
