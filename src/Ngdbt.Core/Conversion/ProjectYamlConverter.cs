using System.Text;
using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Conversion;

/// <summary>dbt_project.yml → project.yml, line by line so comments and layout stay: the keys project.yml reads are
/// kept (`data_tests` becomes `tests`, `pre-hook`/`post-hook` become `pre_hook`/`post_hook`, hooks are converted),
/// the others are left out with warning NG0116 naming them, and `template-language: auto` is added.</summary>
internal static partial class ProjectYamlConverter
{
    private static readonly Dictionary<string, string> Dropped = new(StringComparer.Ordinal)
    {
        ["require-dbt-version"] = "a native project states require-ngdbt-version instead",
        ["dispatch"] = "native macros dispatch by adapter prefix (<adapter>__x, then default__x); search orders are not read",
        ["log-path"] = "ngdbt writes no log files",
        ["packages-install-path"] = "packages are read only by dbt projects",
        ["asset-paths"] = "assets are not copied into the docs site",
        ["query-comment"] = "ngdbt adds no comment to the queries it runs",
        ["quoting"] = "ngdbt quotes identifiers only when they need it",
    };

    private static readonly HashSet<string> FolderKeys = new(StringComparer.Ordinal) { "models", "seeds", "tests", "snapshots" };

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:")]
    private static partial Regex TopKey();

    [GeneratedRegex(@"^(?<head>\s*(?:-\s+|\+?[A-Za-z_][A-Za-z0-9_-]*\s*:\s+|-\s+))(?<value>""(?:[^""\\]|\\.)*""|'(?:[^']|'')*'|[^\s'""\[{#][^#]*?)(?<tail>\s*(?:#.*)?)$")]
    private static partial Regex ScalarLine();

    [GeneratedRegex(@"^(?<indent>\s*\+?)(?<hook>pre|post)-hook(?<rest>\s*:)")]
    private static partial Regex HookKey();

    public static string Convert(string text, string file, DiagnosticBag diagnostics, Action<bool> counted)
    {
        var lines = text.Split('\n');
        var output = new StringBuilder();
        var block = string.Empty;
        var keep = true;
        var hasTests = lines.Any(l => l.StartsWith("tests:", StringComparison.Ordinal));
        output.Append("# Converted from dbt_project.yml by `ngdbt convert`. Files with '{%' or '{#' are Jinja, the others Scriban.\n");
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (TopKey().Match(line) is { Success: true } top)
            {
                block = top.Groups["key"].Value;
                if (block == "data_tests" && !hasTests)
                {
                    line = "tests" + line["data_tests".Length..];
                    block = "tests";
                }

                keep = ProjectLoader.IsProjectKey(block);
                if (!keep)
                {
                    diagnostics.Warning(DiagnosticCodes.ConvertNotCarried, new SourceSpan(file, n + 1, 1),
                        $"{file} key '{block}' is not carried into project.yml: {(Dropped.TryGetValue(block, out var why) ? why : "project.yml does not read it")}");
                }
            }

            if (!keep)
            {
                continue;
            }

            var isHook = block is "on-run-start" or "on-run-end";
            if (FolderKeys.Contains(block) && HookKey().Match(line) is { Success: true } hook)
            {
                line = hook.Groups["indent"].Value + hook.Groups["hook"].Value + "_hook" + line[(hook.Index + hook.Length - hook.Groups["rest"].Length)..];
                isHook = true;
            }

            if (isHook && ScalarLine().Match(line) is { Success: true } scalar && Decode(scalar.Groups["value"].Value) is { } value && value.Contains('{', StringComparison.Ordinal))
            {
                line = scalar.Groups["head"].Value + Encode(Hook(value, file, n + 1, diagnostics, counted)) + scalar.Groups["tail"].Value;
            }

            output.Append(line);
            if (n < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        if (!output.ToString().EndsWith('\n'))
        {
            output.Append('\n');
        }

        return output.Append("template-language: auto\n").ToString();
    }

    /// <summary>A hook converted; one that stays Jinja gets a Jinja comment in front when it has none, so
    /// template-language: auto reads it as Jinja.</summary>
    private static string Hook(string value, string file, int line, DiagnosticBag diagnostics, Action<bool> counted)
    {
        try
        {
            var converted = TemplateConverter.Convert(value).Text;
            counted(true);
            return converted;
        }
        catch (KeptInJinja kept)
        {
            diagnostics.Warning(DiagnosticCodes.KeptInJinja, new SourceSpan(file, line, 1), $"hook kept in Jinja: {kept.Construct}");
            counted(false);
            return JinjaFrontEnd.LooksLikeJinja(value) ? value : "{# kept in Jinja #}" + value;
        }
    }

    private static string? Decode(string scalar)
    {
        if (scalar.StartsWith('\''))
        {
            return scalar[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (!scalar.StartsWith('"'))
        {
            return scalar.TrimEnd();
        }

        var sb = new StringBuilder();
        for (var i = 1; i < scalar.Length - 1; i++)
        {
            if (scalar[i] != '\\')
            {
                sb.Append(scalar[i]);
                continue;
            }

            var next = scalar[++i];
            sb.Append(next switch { 'n' => '\n', 't' => '\t', '"' => '"', '\\' => '\\', '/' => '/', _ => '\0' });
            if (next is not ('n' or 't' or '"' or '\\' or '/'))
            {
                return null;
            }
        }

        return sb.ToString();
    }

    private static string Encode(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
