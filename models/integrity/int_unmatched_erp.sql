{{ config(citus: {reference: true}) }}
-- Ledger lines that could match (the first posting of an id, or a line without id) and that the id rungs
-- (int_recon_matches) left unmatched: the small set the fuzzy and N:1 rungs and the review queue search. On Citus a
-- reference table, like int_unmatched_billing.
select
    e.recon_key, e.netsuite_internal_id, e.netsuite_external_id, e.erp_customer_id, e.ledger_amount, e.posted_at,
    e.posting_period, e.account_number
from {{ ref('int_erp_postings') }} as e
where (e.posting_rank is null or e.posting_rank = 1)
  and not exists (
    select 1 from {{ ref('int_recon_matches') }} as m
    where m.netsuite_internal_id = e.netsuite_internal_id {{ and_same_shard('m', 'e') }}
)
