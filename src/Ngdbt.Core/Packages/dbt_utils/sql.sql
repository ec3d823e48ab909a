{# ngdbt's own dbt_utils-compatible SQL macros (written for ngdbt, same names and arguments as dbt_utils).
   Each dispatches through adapter.dispatch(name, 'dbt_utils'), so a project overrides `<adapter>__name` or `default__name`. #}

{% macro generate_surrogate_key(field_list) %}{{ return(adapter.dispatch('generate_surrogate_key', 'dbt_utils')(field_list)) }}{% endmacro %}
{% macro default__generate_surrogate_key(field_list) -%}
{%- set parts = [] -%}
{%- for field in field_list -%}
{%- do parts.append("coalesce(cast(" ~ field ~ " as varchar), '_dbt_utils_surrogate_key_null_')") -%}
{%- endfor -%}
md5({{ parts | join(" || '-' || ") }})
{%- endmacro %}

{% macro star(from, relation_alias=none, except=[], prefix='', suffix='', quote_identifiers=true) %}{{ return(adapter.dispatch('star', 'dbt_utils')(from, relation_alias, except, prefix, suffix, quote_identifiers)) }}{% endmacro %}
{% macro default__star(from, relation_alias, except, prefix, suffix, quote_identifiers) -%}
{%- if not execute -%}{{ return('*') }}{%- endif -%}
{%- set skip = except | map('lower') | list -%}
{%- set picked = [] -%}
{%- for col in adapter.get_columns_in_relation(from) -%}
{%- if col.name | lower not in skip -%}
{%- set name = adapter.quote(col.name) if quote_identifiers else col.name -%}
{%- set source = (relation_alias ~ '.' ~ name) if relation_alias else name -%}
{%- if prefix or suffix -%}
{%- do picked.append(source ~ ' as ' ~ (adapter.quote(prefix ~ col.name ~ suffix) if quote_identifiers else prefix ~ col.name ~ suffix)) -%}
{%- else -%}
{%- do picked.append(source) -%}
{%- endif -%}
{%- endif -%}
{%- endfor -%}
{%- if picked | length == 0 -%}{{ exceptions.raise_compiler_error("dbt_utils.star(): no columns found in " ~ from ~ " (ngdbt reads columns as the warehouse was before the run: build the relation first)") }}{%- endif -%}
{{ picked | join(', ') }}
{%- endmacro %}

{% macro date_spine(datepart, start_date, end_date) %}{{ return(adapter.dispatch('date_spine', 'dbt_utils')(datepart, start_date, end_date)) }}{% endmacro %}
{% macro default__date_spine(datepart, start_date, end_date) -%}
select spine.d as date_{{ datepart }}
from generate_series(cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp), interval '1 {{ datepart }}') as spine(d)
where spine.d < cast({{ end_date }} as timestamp)
{%- endmacro %}

{% macro get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) %}{{ return(adapter.dispatch('get_column_values', 'dbt_utils')(table, column, order_by, max_records, default, where)) }}{% endmacro %}
{% macro default__get_column_values(table, column, order_by, max_records, default, where) -%}
{%- if not execute -%}{{ return(default if default is not none else []) }}{%- endif -%}
{%- set sql -%}
select {{ column }} as value from {{ table }}
{% if where is not none %}where {{ where }}{% endif %}
group by {{ column }}
order by {{ order_by }}
{% if max_records is not none %}limit {{ max_records }}{% endif %}
{%- endset -%}
{%- set values = run_query(sql).columns[0].values() -%}
{{ return(values if values | length > 0 or default is none else default) }}
{%- endmacro %}

{% macro deduplicate(relation, partition_by, order_by) %}{{ return(adapter.dispatch('deduplicate', 'dbt_utils')(relation, partition_by, order_by)) }}{% endmacro %}
{% macro default__deduplicate(relation, partition_by, order_by) -%}
select distinct on ({{ partition_by }}) *
from {{ relation }}
order by {{ partition_by }}, {{ order_by }}
{%- endmacro %}
