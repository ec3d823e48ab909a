-- NetSuite lines with what the matching needs to know about their externalId. Lines sharing an id are ranked: the first
-- posting can match, later ones are double postings unless together the lines add up to the charge (a split posting,
-- matched on their sum: `id_line_count`, `id_ledger_total`, and the line ids as evidence in `id_line_ids`).
-- Only ids with several lines are ranked and summed, so no window or list runs over every line.
with lines as (
    select * from {{ ref('stg_netsuite') }}
),

shared_ids as (
    select netsuite_external_id, count(*) as id_line_count, {{ money_sum('ledger_amount') }} as id_ledger_total
    from lines
    where netsuite_external_id is not null
    group by netsuite_external_id
    having count(*) > 1
),

shared_lines as (
    select
        l.netsuite_internal_id,
        l.netsuite_external_id,
        s.id_line_count,
        s.id_ledger_total,
        row_number() over (partition by l.netsuite_external_id order by l.posted_at, l.netsuite_internal_id) as posting_rank
    from lines as l
    inner join shared_ids as s on s.netsuite_external_id = l.netsuite_external_id
),

shared_evidence as (
    select netsuite_external_id, {{ ordered_ids('netsuite_internal_id', 'posting_rank') }} as id_line_ids
    from shared_lines
    group by netsuite_external_id
)

select
    l.*,
    case when l.netsuite_external_id is not null then coalesce(s.posting_rank, 1) end as posting_rank,
    coalesce(s.id_line_count, 1)                                                     as id_line_count,
    coalesce(s.id_ledger_total, l.ledger_amount)                                     as id_ledger_total,
    v.id_line_ids
from lines as l
left join shared_lines as s on s.netsuite_internal_id = l.netsuite_internal_id
left join shared_evidence as v on v.netsuite_external_id = s.netsuite_external_id
