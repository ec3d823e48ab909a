using Ngdbt.Conversion;
using Ngdbt.Templating;
using Ngdbt.Templating.Jinja;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>`ngdbt convert` per construct: a Jinja snippet becomes the expected Scriban text, and both render to the same
/// output with the same scope (Jinja through the Jinja front-end, Scriban through the native renderer).</summary>
public sealed class ConvertTemplateTests
{
    private static RenderScope Scope() => new(
        Ref: r => $"\"main\".\"{r.Name}\"",
        Source: s => $"\"{s.SourceName}\".\"{s.TableName}\"",
        IsIncremental: () => true,
        This: new RelationValue("main", "me", "\"main\".\"me\""),
        Vars: new Dictionary<string, object?> { ["n"] = 3L, ["methods"] = new List<object?> { "card", "cash" } },
        EnvVar: n => n == "HOME_DIR" ? "/home" : null,
        Target: new Dictionary<string, object?> { ["name"] = "dev", ["schema"] = "main", ["type"] = "duckdb" },
        Macros: null,
        Jinja: new JinjaExtras(new JinjaEnvironment("proj", "duckdb")));

    private static string RenderScriban(string text)
    {
        var page = TemplateParser.ParseSnippet(text, "t.sql", out var errors);
        Assert.True(page is not null, string.Join("; ", errors) + "\n" + text);
        var context = TemplateRuntime.CreateContext(Scope(), "t.sql");
        context.Evaluate(page!);
        return context.Output.ToString()!;
    }

    [Theory]
    [InlineData("select {{ ref('orders') }}", "select {{ ref('orders') }}")]
    [InlineData("a {{- ref('orders') -}}  b", "a{{ ref('orders')  }}b")]
    [InlineData("{{ source('raw', 'pay') }} {{ var('n') }} {{ env_var('HOME_DIR', 'x') }}", "{{ source('raw', 'pay') }} {{ var('n') }} {{ env_var('HOME_DIR', 'x') }}")]
    [InlineData("{{ this }}.{{ this.identifier }}/{{ target.schema }}", "{{ this }}.{{ this.identifier }}/{{ target.schema }}")]
    [InlineData("{% if is_incremental() %}where x > 1{% endif %}", "{{ if is_incremental() }}where x > 1{{ end }}")]
    [InlineData("{% if var('n') > 5 %}a{% elif var('n') == 3 and true %}b{% else %}c{% endif %}", "{{ if var('n') > 5 }}a{{ else if (var('n') == 3) && true }}b{{ else }}c{{ end }}")]
    [InlineData("{% set xs = ['a', 'b'] %}{% for x in xs %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}", "{{ xs = ['a', 'b'] }}{{ for x in xs }}{{ for.index + 1 }}{{ x }}{{ if !for.last }},{{ end }}{{ end }}")]
    [InlineData("{% for x in var('methods') %}{{ loop.index0 }}{% if loop.first %}F{% endif %}{{ loop.revindex }}{{ loop.length }};{% endfor %}", "{{ for x in var('methods') }}{{ for.index }}{{ if for.first }}F{{ end }}{{ for.rindex + 1 }}{{ for.index + for.rindex + 1 }};{{ end }}")]
    [InlineData("{% set s %}a{{ 1 }}b{% endset %}[{{ s }}]", "{{ capture s }}a{{ 1 }}b{{ end }}[{{ s }}]")]
    [InlineData("x\n  {%- set a = 1 -%}\n  y {#- note -#}\nz", "x{{\n  a = 1\n  }}y{{ ## note ##\n}}z")]
    [InlineData("{# a comment #}\nselect 1", "{{ ## a comment ## }}\nselect 1")]
    [InlineData("{{ 'a' ~ 'b' ~ var('n') }}", "{{ ('a' + 'b') + var('n') }}")]
    [InlineData("{{ var('n') ~ 'x' }}", "{{ '' + var('n') + 'x' }}")]
    [InlineData("{{ 'Ab' | upper }}{{ 'Ab' | lower }}{{ '  t ' | trim }}", "{{ 'Ab' | string.upcase }}{{ 'Ab' | string.downcase }}{{ '  t ' | string.strip }}")]
    [InlineData("{{ var('methods') | join(', ') }}|{{ var('methods') | length }}|{{ 'a-b' | replace('-', '_') }}", "{{ var('methods') | array.join ', ' }}|{{ var('methods') | array.size }}|{{ 'a-b' | string.replace '-' '_' }}")]
    [InlineData("{% set z = none %}{% if z is none %}none{% endif %}{% if var('n') is not none %}set{% endif %}", "{{ z = null }}{{ if z == null }}none{{ end }}{{ if var('n') != null }}set{{ end }}")]
    [InlineData("{% set d = {'a': 1, 'b': [2, 3]} %}{{ d['b'][1] }}{{ d.a }}", "{{ d = {'a': 1, 'b': [2, 3]} }}{{ d['b'][1] }}{{ d.a }}")]
    [InlineData("{% for x in [1, 2, 3] %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% endfor %}", "{{ for x in [1, 2, 3] }}{{ if x == 2 }}{{ continue }}{{ end }}{{ x }}{{ end }}")]
    [InlineData("{% raw %}{{ literal }}{% endraw %}", "{{ '{{ literal }}' }}")]
    [InlineData("a\n    {%- for x in [1, 2, 3] -%}\n    s{{ x }},\n    {% endfor -%}\n    z", "a{{\n    for x in [1, 2, 3]\n    }}s{{ x }},\n    {{ end\n    }}z")]
    [InlineData("(\n    {#-\n    note\n    #}\n    select 1", "({{\n    ##\n    note\n    ## }}\n    select 1")]
    [InlineData("{{ (7 // 2) * 3 - -1 }}", "{{ ((7 // 2) * 3) - (-1) }}")]
    [InlineData("{% set s %}p\nq{% endset %}\n    {{ s }}", "{{ capture s }}p\nq{{ end }}\n    {{ '' }}{{ s }}")]
    [InlineData("x\n    {% for i in [1, 2] %}\n    r{{ i }}\n    {% endfor %}\n    {{ 1 + 2 }}\nz", "x\n    {{ '' }}{{ for i in [1, 2] }}\n    r{{ i }}\n    {{ end }}\n    {{ 1 + 2 }}\nz")]
    [InlineData("{% for x in [] %}a{% else %}none{% endfor %}", "{{ for x in [] }}a{{ else }}none{{ end }}")]
    [InlineData("{% if 'card' in var('methods') | join(',') and 'x' not in ['a', 'b'] %}y{% endif %}", "{{ if ((var('methods') | array.join ',') | string.contains 'card') && (!(['a', 'b'] | array.contains 'x')) }}y{{ end }}")]
    [InlineData("{{ 'Ab'.upper() }}{{ ' t '.strip() }}{{ 'a-b'.replace('-', '+') }}{% if 'abc'.startswith('a') %}!{% endif %}", "{{ 'Ab' | string.upcase }}{{ ' t ' | string.strip }}{{ 'a-b' | string.replace '-' '+' }}{{ if 'abc' | string.starts_with 'a' }}!{{ end }}")]
    [InlineData("{% set big = var('n') > 2 %}{% if big %}big{% endif %}{{ var('methods')[-1] }}", "{{ big = var('n') > 2 }}{{ if big }}big{{ end }}{{ var('methods')[-1] }}")]
    public void A_construct_converts_to_the_expected_Scriban_and_renders_the_same(string jinja, string scriban)
    {
        var converted = TemplateConverter.Convert(jinja).Text;

        Assert.Equal(scriban, converted);
        Assert.Equal(JinjaFrontEnd.RenderSnippet(jinja, "t.sql", Scope()), RenderScriban(converted));
    }

    [Theory]
    [InlineData("{% macro m(a, b=2) -%}\n  {{ a }}-{{ b }}\n{%- endmacro %}{{ m(1) }} {{ m(1, b=5) }}", "{{ func m(a, b = 2)\n  }}{{ a }}-{{ b }}{{\nend }}{{ m(1) }} {{ m(1, b: 5) }}")]
    [InlineData("{% macro xs() -%}{{ return(['a', 'b']) }}{%- endmacro %}{% for x in xs() %}{{ x }}{% endfor %}", "{{ func xs() }}{{ ret ['a', 'b'] }}{{ end }}{{ for x in xs() }}{{ x }}{{ end }}")]
    [InlineData("{% macro m(flag=false) %}{% if flag %}on{% else %}off{% endif %}{% endmacro %}{{ m() }}{{ m(flag=true) }}", "{{ func m(flag = false) }}{{ if flag }}on{{ else }}off{{ end }}{{ end }}{{ m() }}{{ m(flag: true) }}")]
    [InlineData("{% test is_pos(model, column_name) %}select * from {{ model }} where {{ column_name }} < 0{% endtest %}{{ test_is_pos('t', 'c') }}", "{{ func test_is_pos(model, column_name) }}select * from {{ model }} where {{ column_name }} < 0{{ end }}{{ test_is_pos('t', 'c') }}")]
    public void Macros_become_native_functions(string jinja, string scriban)
    {
        var converted = TemplateConverter.Convert(jinja).Text;

        Assert.Equal(scriban, converted);
        Assert.Equal(JinjaFrontEnd.RenderSnippet(jinja, "t.sql", Scope()), RenderScriban(converted));
    }

    [Theory]
    [InlineData("{% call wrap() %}x{% endcall %}", "{% call %} block (caller())", 0)]
    [InlineData("select 1 {% do xs.append(1) %}", "{% do %} (a call for its side effect)", 9)]
    [InlineData("{{ run_query('select 1') }}", "'run_query'", 3)]
    [InlineData("{% for k, v in d.items() %}{% endfor %}", "for loop over several targets (for a, b in ...)", 0)]
    [InlineData("{{ x if y else z }}", "conditional expression 'a if c else b'", 3)]
    [InlineData("{% if x is defined %}{% endif %}", "test 'is defined'", 8)]
    [InlineData("{{ 'a' | title }}", "filter 'title'", 7)]
    [InlineData("{{ 1 / 3 }}", "division '/' (Jinja's is exact, Scriban's a double)", 5)]
    [InlineData("{{ xs[0:1] }}", "slice [a:b]", 3)]
    [InlineData("{{ amount * 0.01 }}", "decimal literal (Scriban reads it as a double)", 12)]
    [InlineData("{% set ns.n = 1 %}", "set of an attribute (namespace)", 0)]
    [InlineData("{{ d.items() }}", "method call .items()", 3)]
    [InlineData("{{ loop.index }}", "loop.index", 3)]
    [InlineData("{% if var('methods') %}x{% endif %}", "a condition on a value that may not be a boolean (Jinja counts '', [], 0 as false, Scriban does not)", 6)]
    [InlineData("{{ var('a') or 'b' }}", "'or' of values that may not be booleans", 12)]
    [InlineData("{% if 'a' in var('methods') %}{% endif %}", "operator 'in' on a value that is not a list or string literal", 10)]
    [InlineData("{% for x in xs %}{{ loop.last }}{% endfor %}", "a boolean printed by '{{ }}' (Jinja prints True/False)", 20)]
    public void What_has_no_native_form_is_named_with_its_position(string jinja, string construct, int offset)
    {
        var kept = Assert.Throws<KeptInJinja>(() => TemplateConverter.Convert(jinja));

        Assert.Equal(construct, kept.Construct);
        Assert.Equal(offset, kept.Offset);
    }

    [Fact]
    public void A_condition_on_a_var_converts_when_the_project_gives_it_a_boolean()
    {
        const string jinja = "{% if var('on') %}a{% endif %}{% if not var('on', false) %}b{% endif %}";

        Assert.Throws<KeptInJinja>(() => TemplateConverter.Convert(jinja));
        var converted = TemplateConverter.Convert(jinja, new HashSet<string> { "on" }).Text;

        Assert.Equal("{{ if var('on') }}a{{ end }}{{ if !var('on', false) }}b{{ end }}", converted);
        var scope = Scope() with { Vars = new Dictionary<string, object?> { ["on"] = true } };
        Assert.Equal(JinjaFrontEnd.RenderSnippet(jinja, "t.sql", scope), RenderWith(converted, scope));
    }

    private static string RenderWith(string text, RenderScope scope)
    {
        var context = TemplateRuntime.CreateContext(scope, "t.sql");
        context.Evaluate(TemplateParser.ParseSnippet(text, "t.sql", out _)!);
        return context.Output.ToString()!;
    }

    [Fact]
    public void A_hook_string_in_config_is_converted_and_renders_the_same_per_node()
    {
        const string jinja = "{{ config(materialized='table', post_hook=\"select '{{ this.identifier | upper }}'\") }}select 1";

        var converted = TemplateConverter.Convert(jinja).Text;

        Assert.Equal("{{ config(materialized: 'table', post_hook: 'select \\'{{ this.identifier | string.upcase }}\\'') }}select 1", converted);
        ConfigCall? fromJinja = null;
        ConfigCall? fromScriban = null;
        JinjaFrontEnd.RenderSnippet(jinja, "t.sql", Scope() with { OnConfig = c => fromJinja = c });
        var page = TemplateParser.ParseSnippet(converted, "t.sql", out _)!;
        TemplateRuntime.CreateContext(Scope() with { OnConfig = c => fromScriban = c }, "t.sql").Evaluate(page);
        Assert.Equal("table", fromScriban!.Values["materialized"]);
        Assert.Equal("select 'ME'", JinjaFrontEnd.RenderSnippet((string)fromJinja!.Values["post_hook"]!, "t.sql", Scope()));
        Assert.Equal("select 'ME'", RenderScriban((string)fromScriban.Values["post_hook"]!));
    }

    [Fact]
    public void A_dispatch_wrapper_is_left_to_the_engine_and_dispatching_calls_become_plain_calls()
    {
        var jinja = "{% macro label(x) -%}\n    {{ return(adapter.dispatch('label', 'p')(x)) }}\n{%- endmacro %}\n{% macro two(x) %}{{ adapter.dispatch('label', 'p')(x) }}{% endmacro %}";

        var converted = TemplateConverter.Convert(jinja);

        Assert.Equal("{{ ## label: adapter.dispatch is the engine's own (x calls <adapter>__x or default__x) ## }}\n{{ func two(x) }}{{ label(x) }}{{ end }}", converted.Text);
        Assert.Equal(["two"], converted.Macros);
        Assert.Contains("label", converted.Called);
    }
}
