{{ config(citus: {reference: true}) }}
-- The few ledger lines that are consolidated lines or under review, one row each, for the fact table's ledger side
-- (a reference table on Citus, like int_billing_notes).
with review as (
    select side, record_key, 'ambiguous_fuzzy_match' as review_reason from {{ ref('int_review_queue') }}
    union
    select 'erp', cast(netsuite_internal_id as varchar), 'ambiguous_consolidation' from {{ ref('int_consolidated_matches') }} where not is_accepted
)

select netsuite_internal_id, max(charge_ids) as charge_ids, max(review_reason) as review_reason
from (
    select distinct netsuite_internal_id, charge_ids, cast(null as varchar) as review_reason
    from {{ ref('int_consolidated_matches') }} where is_accepted
    union all
    select cast(record_key as bigint), null, review_reason from review where side = 'erp'
) as notes
group by netsuite_internal_id
