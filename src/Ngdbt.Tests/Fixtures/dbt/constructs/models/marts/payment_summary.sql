{{
    config(
        materialized='table',
        tags=['finance', 'daily',],
        pre_hook="insert into main.run_log values ('pre {{ this.identifier }}', 0)",
    )
}}
{%- set methods = var('methods') -%}
{%- set as_of = modules.datetime.date(2024, 1, 31) -%}
{%- set title %}Payments by {{ methods | length }} methods{% endset -%}
{%- set ns = namespace(n=0) -%}
{%- for m in methods %}{% set ns.n = ns.n + 1 %}{% endfor -%}
{%- set probe = run_query("select 40 + 2 as answer") -%}
{% call wrap_select() %}
select
    order_id,
    {{ method_columns(methods) }},
    sum(amount) as total_amount,
    count(*) as n_payments,
    '{{ title }}' as title,
    {{ ns.n }} as n_methods,
    '{{ as_of.strftime("%Y-%m-%d") }}' as as_of,
    {{ label('x') }} as dispatched,
    '{{ model.name }}|{{ this.schema }}' as me,
    {% if execute %}{{ probe.columns[0].values()[0] }}{% else %}0{% endif %} as answer,
    '{% raw %}{{ literal }}{% endraw %}' as raw_text,
    '{% filter upper %}shout{% endfilter %}' as shouted,
    {%- if 'card' in methods and methods[0:1] == ['card'] %} 'card first'
    {%- elif methods is none %} 'none'
    {%- else %} 'other'{% endif %} as ordering,
    '{{ {'a': 1, 'b': [2, 3]}['b'][-1] }}{{ missing_thing | default('-d') }}' as literals,
    cast({{ dbt.date_trunc('month', "date '2024-01-15'") }} as date) as month_start
from {{ payments_relation() }}
group by order_id
{% endcall %}
