{{ config(materialized='ephemeral') }}
{%- set rows = [] -%}
{%- for m in known_methods() -%}
  {%- do rows.append("select '" ~ m ~ "' as method, " ~ loop.index ~ " as position") -%}
{%- endfor -%}
{{ rows | join('\nunion all\n') }}
