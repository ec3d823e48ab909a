{{## Generic test: the sign of a money column follows the record's kind: negative where `negative_when` holds (refunds,
     disputes, credit memos), zero or positive everywhere else. One scan. Usage in YAML:
     tests: [{amount_sign: {negative_when: "stripe_object in ('refund', 'dispute')"}}] ##}}
{{ func test_amount_sign(model, column_name, negative_when) -}}
select * from {{ model }}
where case when {{ negative_when }} then {{ column_name }} >= 0 else {{ column_name }} < 0 end
{{- end }}
