{{ config(citus: {distributed_by: 'recon_key', colocate_with: 'stg_netsuite'}) }}
-- ExternalIds with several ledger lines (double postings and split postings), a few rows: each id's line count, ledger
-- total and line ids in posting order. A split posting is an id whose lines add up to its charge (int_recon_matches).
-- Only the ids int_erp_postings ranked past 1 are read, so no aggregation or list runs over every line. The id's
-- recon_key comes along (the id determines it): the lookups join on it, shard-local on Citus.
with repeated as (
    select {{ shard_key('') }} netsuite_external_id
    from {{ ref('int_erp_postings') }}
    where posting_rank > 1
    group by {{ shard_key('') }} netsuite_external_id
),

-- a join against the few repeated ids (a correlated EXISTS made DuckDB materialize every line first)
shared as (
    select p.recon_key, p.netsuite_internal_id, p.netsuite_external_id, p.ledger_amount, p.posting_rank
    from {{ ref('int_erp_postings') }} as p
    inner join repeated as r on r.netsuite_external_id = p.netsuite_external_id {{ and_same_shard('r', 'p') }}
)

select
    recon_key,
    netsuite_external_id,
    count(*)                                                    as id_line_count,
    {{ money_sum('ledger_amount') }}                            as id_ledger_total,
    {{ ordered_ids('netsuite_internal_id', 'posting_rank') }}   as id_line_ids
from shared
group by recon_key, netsuite_external_id
