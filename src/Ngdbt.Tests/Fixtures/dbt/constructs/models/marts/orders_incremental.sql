{{ config(materialized='incremental', unique_key='order_id') }}
select order_id, sum(amount) as amount from {{ ref('stg_payments') }}
{% if is_incremental() %}
where order_id > (select coalesce(max(order_id), 0) - 1 from {{ this }})
{% endif %}
group by order_id
