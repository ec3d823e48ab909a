-- The leakage report ties out to the cent with the reconciliation it summarizes.
select r.leakage_usd, f.total
from {{ ref('rpt_leakage_summary') }} as r
cross join (select cast(sum(leakage_amount) as decimal(19,4)) as total from {{ ref('fct_reconciliation') }}) as f
where r.dimension = 'overall' and r.leakage_usd <> f.total
