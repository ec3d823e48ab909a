{{ config(citus: {reference: true}) }}
-- Ledger lines that could match (the first posting of an id, or a line without id) and that the id rungs
-- (int_recon_matches) left unmatched: the small set the fuzzy and N:1 rungs and the review queue search. On Citus a
-- reference table, like int_unmatched_billing.
-- Two steps, the second only reading the wide columns: the ids left over (an anti-join of two narrow columns; a
-- correlated NOT EXISTS made DuckDB materialize every ledger line with all its columns first, 15 s against 4 s at 15M
-- rows a side), then those lines' columns (a join against the few left over).
with left_over as (
    select e.recon_key, e.netsuite_internal_id
    from {{ ref('int_erp_postings') }} as e
    left join {{ ref('int_recon_matches') }} as m on m.netsuite_internal_id = e.netsuite_internal_id {{ and_same_shard('m', 'e') }}
    where (e.posting_rank is null or e.posting_rank = 1)
      and m.netsuite_internal_id is null
)

select
    e.recon_key, e.netsuite_internal_id, e.netsuite_external_id, e.erp_customer_id, e.ledger_amount, e.posted_at,
    e.posting_period, e.account_number
from {{ ref('int_erp_postings') }} as e
inner join left_over as u on u.netsuite_internal_id = e.netsuite_internal_id {{ and_same_shard('u', 'e') }}
