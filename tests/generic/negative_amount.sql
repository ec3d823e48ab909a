{{## Generic test: fails for rows whose money column is zero or positive (refunds, disputes, credit memos).
     Usage in YAML: tests: [{negative_amount: {config: {where: "stripe_object = 'refund'"}}}] ##}}
{{ func test_negative_amount(model, column_name) -}}
select * from {{ model }} where {{ column_name }} >= 0
{{- end }}
