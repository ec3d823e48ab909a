{{ config(batch_key: 'recon_key', citus: {distributed_by: 'recon_key', colocate_with: 'stg_netsuite'}) }}
-- NetSuite lines ranked within their externalId: the first posting of an id is the one that can match;
-- later postings of the same id are double postings (duplicates), never candidates for a match.
-- Most ids have one line (rank 1): only the lines of ids with several are ranked by a window, and joined back by
-- internal id, instead of a window over every line (at 15M rows a side the window over all lines spilled; this
-- grouping does not). An externalId determines its recon_key, so grouping and partitioning by both give the same
-- groups, and on Citus it all runs shard-local.
with repeated as (
    select {{ shard_key('') }} netsuite_external_id
    from {{ ref('stg_netsuite') }}
    where netsuite_external_id is not null
    group by {{ shard_key('') }} netsuite_external_id
    having count(*) > 1
),

ranked as (
    select
        {{ shard_key('n.') }}
        n.netsuite_internal_id,
        row_number() over (partition by {{ shard_key('n.') }} n.netsuite_external_id order by n.posted_at, n.netsuite_internal_id) as posting_rank
    from {{ ref('stg_netsuite') }} as n
    inner join repeated as r on r.netsuite_external_id = n.netsuite_external_id {{ and_same_shard('r', 'n') }}
)

select
    s.*,
    case when s.netsuite_external_id is not null then coalesce(k.posting_rank, 1) end as posting_rank
from {{ ref('stg_netsuite') }} as s
left join ranked as k on k.netsuite_internal_id = s.netsuite_internal_id {{ and_same_shard('k', 's') }}
