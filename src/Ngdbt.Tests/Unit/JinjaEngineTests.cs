using Ngdbt.Templating;
using Ngdbt.Templating.Jinja;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>The Jinja front-end on its own: each statement, expression form, filter and test dbt projects use, and
/// error positions into the original text.</summary>
public sealed class JinjaEngineTests
{
    private static RenderScope Scope(Dictionary<string, object?>? vars = null) => new(
        Ref: r => $"\"main\".\"{r.Name}\"",
        Source: s => $"\"{s.SourceName}\".\"{s.TableName}\"",
        IsIncremental: () => false,
        This: new RelationValue("main", "me", "\"main\".\"me\""),
        Vars: vars ?? new Dictionary<string, object?> { ["n"] = 3L },
        EnvVar: _ => null,
        Target: new Dictionary<string, object?> { ["name"] = "dev", ["schema"] = "main", ["type"] = "duckdb" },
        Macros: null,
        Jinja: new JinjaExtras(new JinjaEnvironment("proj", "duckdb")));

    private static string R(string text) => JinjaFrontEnd.RenderSnippet(text, "t.sql", Scope());

    [Theory]
    [InlineData("{% set x = 1 + 2 * 3 %}{{ x }}", "7")]
    [InlineData("{% set s %}a{{ 1 }}b{% endset %}[{{ s }}]", "[a1b]")]
    [InlineData("{% set s | upper %}ab{% endset %}{{ s }}", "AB")]
    [InlineData("{% for x in [1,2,3] %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}", "11,22,33")]
    [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}", "empty")]
    [InlineData("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}", "a=1;b=2;")]
    [InlineData("{% for x in range(5) if x is odd %}{{ x }}{% endfor %}", "13")]
    [InlineData("{% for x in [1,2,3] %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% endfor %}", "13")]
    [InlineData("{% for x in [1,2,3] %}{% if x == 2 %}{% break %}{% endif %}{{ x }}{% endfor %}", "1")]
    [InlineData("{% if 1 > 2 %}a{% elif 2 > 1 %}b{% else %}c{% endif %}", "b")]
    [InlineData("{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }} {{ m(1, b=5) }} {{ m(b=7, a=0) }}", "1-2 1-5 0-7")]
    [InlineData("{% macro m() %}{% do return([1, 2]) %}{% endmacro %}{{ m() | length }}", "2")]
    [InlineData("{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('b') %}hi{% endcall %}", "<b>hi</b>")]
    [InlineData("{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(x) each([1,2]) %}[{{ x }}]{% endcall %}", "[1][2]")]
    [InlineData("{% filter upper %}abc{% endfilter %}", "ABC")]
    [InlineData("{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}")]
    [InlineData("{% set xs = [] %}{% do xs.append(1) %}{% do xs.extend([2, 3]) %}{{ xs }}", "[1, 2, 3]")]
    [InlineData("{% set ns = namespace(total=0) %}{% for x in [1,2,3] %}{% set ns.total = ns.total + x %}{% endfor %}{{ ns.total }}", "6")]
    [InlineData("a  {%- if true -%}  b  {%- endif -%}  c", "abc")]
    [InlineData("a {# comment #}b{#- trimmed -#} c", "a bc")]
    [InlineData("{{ 'a' ~ 1 ~ none }}", "a1None")]
    [InlineData("{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 'z' not in {'a': 1} }}", "True True True")]
    [InlineData("{% set n = 3 %}{{ x is defined }} {{ n is defined }} {{ none is none }} {{ 1 is not none }}", "False True True True")]
    [InlineData("{{ 'abcdef'[1:3] }} {{ [1,2,3,4][::2] }} {{ [1,2,3][-1] }}", "bc [1, 3] 3")]
    [InlineData("{{ {'a': [1, {'b': 'c'}]}['a'][1].b }}", "c")]
    [InlineData("{{ dict(a=1, b=2) | length }}", "2")]
    [InlineData("{{ ['b', 'a', 'c'] | sort | join(', ') | upper }}", "A, B, C")]
    [InlineData("{{ [{'n': 'x'}, {'n': 'y'}] | map(attribute='n') | list }}", "['x', 'y']")]
    [InlineData("{{ [{'n': 'x', 'k': true}, {'n': 'y', 'k': false}] | selectattr('k') | map(attribute='n') | join }}", "x")]
    [InlineData("{{ missing | default('d') }} {{ '' | default('e', true) }} {{ 'Hello' | replace('l', 'L') | lower }}", "d e hello")]
    [InlineData("{{ [1, 2, 2] | unique | list | length }} {{ [3, 1] | max }} {{ [1.5, 2] | sum }} {{ '7' | int + 1 }}", "2 3 3.5 8")]
    [InlineData("{{ 'a,b'.split(',') }} {{ '  x '.strip() }} {{ 'abc'.startswith('a') }} {{ '{}-{}'.format(1, 2) }}", "['a', 'b'] x True 1-2")]
    [InlineData("{{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 3 }} {{ 1 / 4 }} {{ -3 | abs }}", "3 1 8 0.25 3")]
    [InlineData("{% set n = 3 %}{{ 'yes' if n > 2 else 'no' }}", "yes")]
    [InlineData("{{ ref('orders') }} {{ ref('orders').identifier }} {{ source('raw', 'x') }} {{ this.schema }}", "\"main\".\"orders\" orders \"raw\".\"x\" main")]
    [InlineData("{{ var('n') }} {{ var('missing', 'dflt') }} {{ env_var('NOPE', 'e') }} {{ target.name }}", "3 dflt e dev")]
    [InlineData("{{ modules.datetime.date(2024, 1, 31).strftime('%Y/%m/%d') }}", "2024/01/31")]
    [InlineData("{{ execute }} {{ is_incremental() }}", "False False")]
    [InlineData("{{ [1, 2] | tojson }} {{ fromjson('{\"a\": 1}').a }}", "[1,2] 1")]
    [InlineData("{{ config(\n    materialized='table',\n    tags=['a', 'b',],\n) }}ok", "ok")]
    public void Renders_like_jinja(string template, string expected) => Assert.Equal(expected, R(template));

    [Fact]
    public void Money_literals_stay_exact_decimals()
        => Assert.Equal("0.3", R("{{ 0.1 + 0.2 }}"));

    [Theory]
    [InlineData("line1\n{{ nope() }}", 2, 4, "'nope' is undefined")]
    [InlineData("x\n\n  {% if %}", 3, 9, "unexpected '%}'")]
    [InlineData("{% for x in [1] %}\n{{ x }}", 2, 8, "expected '{% endfor %}'")]
    [InlineData("a {{ exceptions.raise_compiler_error('stop here') }}", 1, 6, "stop here")]
    [InlineData("{{ [1] | frobnicate }}", 1, 8, "unknown filter 'frobnicate'")]
    [InlineData("{% materialization x, default %}{% endmaterialization %}", 1, 1, "custom materializations")]
    public void Errors_point_at_the_line_and_column_of_the_jinja_text(string template, int line, int column, string message)
    {
        var e = Assert.Throws<JinjaRenderException>(() => R(template));
        Assert.Contains(message, e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(("t.sql", line, column), (e.Diagnostic.Span.File, e.Diagnostic.Span.Line, e.Diagnostic.Span.Column));
    }

    [Fact]
    public void Refs_sources_and_configs_are_found_in_every_branch_and_in_called_macros()
    {
        var env = new JinjaEnvironment("proj", "duckdb");
        var bag = new Diagnostics.DiagnosticBag();
        JinjaFrontEnd.LoadMacros(env, "{% macro helper() %}select * from {{ ref('from_macro') }}{% endmacro %}\n{% macro default__d() %}{{ ref('dispatched') }}{% endmacro %}", "macros/m.sql", null, bag);
        var parsed = JinjaFrontEnd.Parse("{{ config(materialized='table', tags=['x']) }}\n{% if false %}{{ ref('never') }}{% endif %}{{ helper() }}{{ adapter.dispatch('d')() }}{{ source('s', 't') }}", "models/m.sql", bag, env);
        Assert.Empty(bag.ToSortedList());
        Assert.Equal(["never", "from_macro", "dispatched"], parsed.Refs.Select(r => r.Name));
        Assert.Equal("macros/m.sql", parsed.Refs[1].Span.File);
        Assert.Equal(("s", "t"), (parsed.Sources[0].SourceName, parsed.Sources[0].TableName));
        Assert.Equal("table", parsed.Configs[0].Values["materialized"]);
        Assert.Equal((1, 38), (parsed.Configs[0].Spans["tags"].Line, parsed.Configs[0].Spans["tags"].Column));
        Assert.Contains("helper", parsed.CalledNames);
    }
}
