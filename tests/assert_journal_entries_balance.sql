-- Every proposed journal entry balances: total debits equal total credits.
select journal_external_id, sum(debit_usd) as debits, sum(credit_usd) as credits
from {{ ref('rpt_erp_adjustments') }}
group by journal_external_id
having sum(debit_usd) <> sum(credit_usd)
