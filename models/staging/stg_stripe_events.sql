-- Webhook events, one row per event id (duplicate deliveries dropped). Key casing varies between deliveries
-- (`metadata`/`Metadata`, `external_id`/`External_ID`), and amounts arrive in cents as numbers or strings.
with raw as (
    select
        id                                                               as event_id,
        type                                                             as event_type,
        {{ epoch_to_timestamp('created') }}                                  as delivered_at,
        {{ json_get('data', 'object') }}                                   as payload
    from {{ source('stripe', 'events') }}
    where id is not null
),

parsed as (
    select
        event_id,
        event_type,
        delivered_at,
        {{ json_get_text('payload', 'id') }}                                                 as stripe_id,
        {{ json_get_text('payload', 'amount') }}                                             as amount_text,
        upper({{ json_get_text('payload', 'currency') }})                                  as currency,
        coalesce({{ json_get('payload', 'metadata') }}, {{ json_get('payload', 'Metadata') }})     as metadata
    from raw
),

normalized as (
    select
        event_id,
        event_type,
        delivered_at,
        stripe_id,
        {{ safe_cast('amount_text', 'bigint') }}                                             as amount_cents,
        currency,
        coalesce({{ json_get_text('metadata', 'external_id') }}, {{ json_get_text('metadata', 'External_ID') }}) as external_ref,
        row_number() over (partition by event_id order by delivered_at)                   as delivery_number
    from parsed
)

select event_id, event_type, delivered_at, stripe_id, {{ cents_to_dollars('amount_cents') }} as event_amount, currency, external_ref
from normalized
where delivery_number = 1
