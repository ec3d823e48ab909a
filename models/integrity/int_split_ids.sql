-- ExternalIds with several ledger lines (double postings and split postings), a few rows: each id's line count, ledger
-- total and line ids in posting order. A split posting is an id whose lines add up to its charge (int_recon_matches).
-- Only the ids int_erp_postings ranked past 1 are read, so no aggregation or list runs over every line.
with shared as (
    select netsuite_internal_id, netsuite_external_id, ledger_amount, posting_rank
    from {{ ref('int_erp_postings') }}
    where netsuite_external_id in (select netsuite_external_id from {{ ref('int_erp_postings') }} where posting_rank > 1)
)

select
    netsuite_external_id,
    count(*)                                                    as id_line_count,
    {{ money_sum('ledger_amount') }}                            as id_ledger_total,
    {{ ordered_ids('netsuite_internal_id', 'posting_rank') }}   as id_line_ids
from shared
group by netsuite_external_id
