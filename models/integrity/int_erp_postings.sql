-- NetSuite lines with what the matching needs to know about their externalId: lines sharing an id are ranked (the first
-- posting can match; later ones are double postings unless together the id's lines add up to the charge: a split
-- posting, matched on their sum), with the id's line count and ledger total. One window (the ranking's sort) serves all three.
select
    *,
    case when netsuite_external_id is not null then row_number() over by_id end                        as posting_rank,
    case when netsuite_external_id is not null then count(*) over whole_id else 1 end                     as id_line_count,
    case when netsuite_external_id is not null then {{ money('sum(ledger_amount) over whole_id') }} else ledger_amount end as id_ledger_total
from {{ ref('stg_netsuite') }}
window
    by_id as (partition by netsuite_external_id order by posted_at, netsuite_internal_id),
    whole_id as (by_id rows between unbounded preceding and unbounded following)
