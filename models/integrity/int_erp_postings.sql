{{ config(batch_key: 'recon_key', citus: {distributed_by: 'recon_key', colocate_with: 'stg_netsuite'}) }}
-- NetSuite lines ranked within their externalId: the first posting of an id is the one that can match;
-- later postings of the same id are double postings (duplicates), never candidates for a match.
-- (An externalId determines its recon_key, so partitioning by both ranks the same and runs shard-local on Citus.)
select
    *,
    case
        when netsuite_external_id is not null
            then row_number() over (partition by {{ shard_key('') }} netsuite_external_id order by posted_at, netsuite_internal_id)
    end as posting_rank
from {{ ref('stg_netsuite') }}
