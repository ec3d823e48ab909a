{# ngdbt's own dbt_utils-compatible generic tests (written for ngdbt, same names and arguments as dbt_utils).
   A test fails when its query returns rows. #}

{% test expression_is_true(model, expression, column_name=none) %}
select * from {{ model }}
where not ({% if column_name is not none %}{{ column_name }} {% endif %}{{ expression }})
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
{%- if min_value is none and max_value is none -%}{{ exceptions.raise_compiler_error("dbt_utils.accepted_range needs min_value or max_value") }}{%- endif -%}
select * from {{ model }}
where {{ column_name }} is not null and not (1 = 1
{%- if min_value is not none %} and {{ column_name }} >{{ '=' if inclusive else '' }} {{ min_value }}{% endif %}
{%- if max_value is not none %} and {{ column_name }} <{{ '=' if inclusive else '' }} {{ max_value }}{% endif %})
{% endtest %}

{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as n_records
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}

{% test not_null_proportion(model, column_name, at_least, at_most=1.0) %}
{#- compared without division, so the proportion is exact on every adapter -#}
select count({{ column_name }}) as n_not_null, count(*) as n_rows
from {{ model }}
having count({{ column_name }}) < {{ at_least }} * count(*) or count({{ column_name }}) > {{ at_most }} * count(*)
{% endtest %}

{% test at_least_one(model, column_name) %}
select count({{ column_name }}) as n_values
from {{ model }}
having count({{ column_name }}) = 0
{% endtest %}

{% test equal_rowcount(model, compare_model) %}
select a.n as model_rows, b.n as compare_rows
from (select count(*) as n from {{ model }}) as a
cross join (select count(*) as n from {{ compare_model }}) as b
where a.n <> b.n
{% endtest %}

{% test recency(model, field, datepart, interval, ignore_time_component=false) %}
{%- set column = ('cast(' ~ field ~ ' as date)') if ignore_time_component else ('cast(' ~ field ~ ' as timestamp)') -%}
{%- set now = 'current_date' if ignore_time_component else 'cast(current_timestamp as timestamp)' -%}
select max({{ column }}) as most_recent
from {{ model }}
having max({{ column }}) is null or max({{ column }}) < {{ now }} - {{ interval }} * interval '1 {{ datepart }}'
{% endtest %}
