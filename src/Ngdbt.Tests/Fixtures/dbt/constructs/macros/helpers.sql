{#- Macros exercising defaults, kwargs, return(), caller(), dispatch and a ref inside a macro. -#}
{% macro cents_to_dollars(column, scale=4) -%}
    cast(cast({{ column }} as decimal(19,0)) * 0.01 as decimal(19,{{ scale }}))
{%- endmacro %}

{% macro method_columns(methods, prefix='') -%}
    {%- for m in methods -%}
    sum(case when method = '{{ m }}' then amount else 0 end) as {{ prefix ~ m }}_amount
    {%- if not loop.last %},{% endif %}
    {% endfor -%}
{%- endmacro %}

{% macro known_methods() -%}
    {{ return(var('methods') + ['voucher']) }}
{%- endmacro %}

{% macro wrap_select() -%}
    select * from ({{ caller() }}) as wrapped
{%- endmacro %}

{% macro payments_relation() -%}
    {{ ref('stg_payments') }}
{%- endmacro %}

{% macro label(x) -%}
    {{ return(adapter.dispatch('label', 'constructs')(x)) }}
{%- endmacro %}

{% macro default__label(x) -%}'default:{{ x }}'{%- endmacro %}

{% macro duckdb__label(x) -%}'duckdb:{{ x }}'{%- endmacro %}

{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
