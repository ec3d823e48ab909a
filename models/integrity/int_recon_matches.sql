{{ config(batch_key: 'recon_key', citus: {distributed_by: 'recon_key', colocate_with: 'stg_netsuite'}) }}
-- The id rungs of the self-healing matching ladder: one row per accepted billing <-> ledger pair (refunds and disputes
-- pair with their credit memos the same way).
--   1. exact_id       Stripe id = NetSuite externalId; aggregate_id when the id has several ledger lines that add up
--                     to the billing amount exactly (a split posting: the id's first line stands for them all)
--   2. normalized_id  ids equal after trimming, dropping a 'stripe:' prefix and case folding
-- Each rung only sees what the rungs above left unmatched; what both leave goes to int_unmatched_billing/_erp, where
-- the fuzzy rung (int_fuzzy_matches) and the N:1 rung (int_consolidated_matches) take it.
-- Both sides of a pair share a recon_key (equal ids normalize alike, and the normalized key is the recon_key), so every
-- join also matches on it: on Citus the whole ladder runs shard by shard on the workers.
with billing as {{ inlined() }} (
    select recon_key, stripe_id, match_key, billing_amount
    from {{ ref('stg_stripe') }}
),

erp as {{ inlined() }} (
    select recon_key, netsuite_internal_id, netsuite_external_id, match_key
    from {{ ref('int_erp_postings') }}
    where posting_rank is null or posting_rank = 1
),

-- One full outer join of the two sides on the id pairs them and leaves, on either side, what the first rung did not
-- pair (an id has at most one first line, so each record meets at most one other): no anti-join of every record
-- against the pairs afterwards. For a pair the ledger's externalId is the Stripe id. On DuckDB the match keys do not
-- go through it (narrow_first_rung): the few records left over fetch them afterwards.
first_rung as {{ inlined() }} (
    select
        b.recon_key as billing_recon_key,
        b.stripe_id,
        b.billing_amount,
        e.recon_key as erp_recon_key,
        e.netsuite_internal_id
        {{- if !narrow_first_rung() }},
        b.match_key as billing_match_key,
        e.match_key as erp_match_key
        {{- end }}
    from billing as b
    full outer join erp as e on e.netsuite_external_id = b.stripe_id {{ and_same_shard('e', 'b') }}
),

exact_matches as {{ inlined() }} (
    select
        p.recon_key,
        p.stripe_id,
        p.netsuite_internal_id,
        case when s.id_ledger_total = p.billing_amount then 'aggregate_id' else 'exact_id' end as match_method
    from (
        select billing_recon_key as recon_key, stripe_id, netsuite_internal_id, billing_amount
        from first_rung
        where stripe_id is not null and netsuite_internal_id is not null
    ) as p
    left join {{ ref('int_split_ids') }} as s on s.netsuite_external_id = p.stripe_id {{ and_same_shard('s', 'p') }}
),

-- What the first rung left: the records and lines it did not pair, with their match keys.
billing_left_1 as {{ inlined() }} (
{{- if narrow_first_rung() }}
    select b.recon_key, b.stripe_id, b.match_key
    from {{ ref('stg_stripe') }} as b
    inner join (
        select billing_recon_key as recon_key, stripe_id from first_rung where netsuite_internal_id is null
    ) as l on l.stripe_id = b.stripe_id {{ and_same_shard('l', 'b') }}
{{- else }}
    select billing_recon_key as recon_key, stripe_id, billing_match_key as match_key from first_rung where netsuite_internal_id is null
{{- end }}
),

erp_left_1 as {{ inlined() }} (
{{- if narrow_first_rung() }}
    select e.recon_key, e.netsuite_internal_id, e.match_key
    from {{ ref('int_erp_postings') }} as e
    inner join (
        select erp_recon_key as recon_key, netsuite_internal_id from first_rung where stripe_id is null
    ) as l on l.netsuite_internal_id = e.netsuite_internal_id {{ and_same_shard('l', 'e') }}
{{- else }}
    select erp_recon_key as recon_key, netsuite_internal_id, erp_match_key as match_key from first_rung where stripe_id is null
{{- end }}
),

normalized_candidates as {{ inlined() }} (
    select
        b.recon_key,
        b.stripe_id,
        e.netsuite_internal_id,
        count(*) over (partition by {{ shard_key('b.') }} b.stripe_id) as candidates_for_billing,
        count(*) over (partition by {{ shard_key('e.') }} e.netsuite_internal_id) as candidates_for_erp
    from billing_left_1 as b
    inner join erp_left_1 as e on e.match_key = b.match_key {{ and_same_shard('e', 'b') }}
),

normalized_matches as {{ inlined() }} (
    select recon_key, stripe_id, netsuite_internal_id, 'normalized_id' as match_method
    from normalized_candidates
    where candidates_for_billing = 1 and candidates_for_erp = 1
)

select recon_key, stripe_id, netsuite_internal_id, match_method from exact_matches
union all
select recon_key, stripe_id, netsuite_internal_id, match_method from normalized_matches
