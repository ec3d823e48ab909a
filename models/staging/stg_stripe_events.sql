-- Webhook events, one row per event id (duplicate deliveries dropped). Key casing varies between deliveries
-- (`metadata`/`Metadata`, `external_id`/`External_ID`), and amounts arrive in cents as numbers or strings.
with raw as (
    select
        id                                                               as event_id,
        type                                                             as event_type,
        make_timestamp(created * 1000000)                                as delivered_at,
        data -> '$.object'                                               as payload
    from {{ source('stripe', 'events') }}
    where id is not null
),

parsed as (
    select
        event_id,
        event_type,
        delivered_at,
        payload ->> '$.id'                                                                as stripe_id,
        try_cast(payload ->> '$.amount' as bigint)                                        as amount_cents,
        upper(payload ->> '$.currency')                                                   as currency,
        coalesce(payload -> '$.metadata', payload -> '$.Metadata')                        as metadata
    from raw
),

normalized as (
    select
        event_id,
        event_type,
        delivered_at,
        stripe_id,
        {{ cents_to_dollars('amount_cents') }}                                            as event_amount,
        currency,
        coalesce(metadata ->> '$.external_id', metadata ->> '$.External_ID')              as external_ref,
        row_number() over (partition by event_id order by delivered_at)                   as delivery_number
    from parsed
)

select event_id, event_type, delivered_at, stripe_id, event_amount, currency, external_ref
from normalized
where delivery_number = 1
