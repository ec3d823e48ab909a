{{## Generic test: fails for rows whose money column is negative (zero allowed). Usage in YAML: tests: [positive_amount] ##}}
{{ func test_positive_amount(model, column_name) -}}
select * from {{ model }} where {{ column_name }} < 0
{{- end }}
