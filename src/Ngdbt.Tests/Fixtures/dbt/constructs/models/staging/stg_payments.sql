{{ config(materialized='view', tags=['staging',]) }}
{# The seed holds cents; dollars are exact decimals. #}
select
    id as payment_id,
    order_id,
    method,
    {{ cents_to_dollars('amount_cents') }} as amount
from {{ ref('raw_payments') }}
