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

{% macro union_relations(relations, column_override=none, include=[], exclude=[], source_column_name='_dbt_source_relation', where=none) %}{{ return(adapter.dispatch('union_relations', 'dbt_utils')(relations, column_override, include, exclude, source_column_name, where)) }}{% endmacro %}
{% macro default__union_relations(relations, column_override, include, exclude, source_column_name, where) -%}
{%- if include and exclude -%}{{ exceptions.raise_compiler_error("dbt_utils.union_relations: give include or exclude, not both") }}{%- endif -%}
{%- if not execute -%}{{ return('') }}{%- endif -%}
{%- set overrides = column_override or {} -%}
{%- set wanted = include | map('lower') | list -%}
{%- set skipped = exclude | map('lower') | list -%}
{%- set names = [] -%}
{%- set types = {} -%}
{%- set per_relation = {} -%}
{%- for relation in relations -%}
{%- set present = [] -%}
{%- set cols = adapter.get_columns_in_relation(relation) -%}
{%- if cols | length == 0 -%}{{ exceptions.raise_compiler_error("dbt_utils.union_relations(): no columns found in " ~ relation ~ " (ngdbt reads columns as the warehouse was before the run: build the relation first)") }}{%- endif -%}
{%- for col in cols -%}
{%- set key = col.name | lower -%}
{%- if (not wanted or key in wanted) and key not in skipped -%}
{%- do present.append(key) -%}
{%- if key not in names -%}{%- do names.append(key) -%}{%- do types.update({key: overrides.get(col.name, col.data_type)}) -%}{%- endif -%}
{%- endif -%}
{%- endfor -%}
{%- do per_relation.update({relation ~ '': present}) -%}
{%- endfor -%}
{%- for relation in relations %}
{% if not loop.first %}union all
{% endif -%}
select
    cast('{{ relation }}' as varchar) as {{ adapter.quote(source_column_name) }}
{%- for name in names %},
    {% if name in per_relation[relation ~ ''] %}cast({{ adapter.quote(name) }} as {{ types[name] }}){% else %}cast(null as {{ types[name] }}){% endif %} as {{ adapter.quote(name) }}
{%- endfor %}
from {{ relation }}
{%- if where %}
where {{ where }}
{%- endif %}
{%- endfor %}
{%- endmacro %}

{% macro pivot(column, values, alias=true, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=true, distinct=false) %}{{ return(adapter.dispatch('pivot', 'dbt_utils')(column, values, alias, agg, cmp, prefix, suffix, then_value, else_value, quote_identifiers, distinct)) }}{% endmacro %}
{% macro default__pivot(column, values, alias, agg, cmp, prefix, suffix, then_value, else_value, quote_identifiers, distinct) -%}
{%- for value in values -%}
{{ agg }}({{ 'distinct ' if distinct else '' }}case when {{ column }} {{ cmp }} '{{ value | replace("'", "''") }}' then {{ then_value }} else {{ else_value }} end)
{%- if alias %} as {{ adapter.quote(prefix ~ value ~ suffix) if quote_identifiers else prefix ~ value ~ suffix }}{% endif -%}
{%- if not loop.last %},
{% endif -%}
{%- endfor -%}
{%- endmacro %}
