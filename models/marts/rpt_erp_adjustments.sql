{{ config(contract: {enforced: true}, export: {path: 'target/exports/netsuite_adjustments.csv', format: 'csv'}) }}
-- The correcting journal entries that would heal the ledger, in NetSuite's CSV journal-import shape: two balanced
-- lines per entry. Orphans need approval: no billing evidence. Only records whose money is wrong get an entry: a split
-- or consolidated posting, a refund with its credit memo and a sub-cent rounding are not "fixed".
--   missing_in_erp / amount_mismatch   Stripe clearing 1050 against the revenue account
--   duplicate_in_erp / missing_in_billing  reverse the line (1050 against revenue)
--   refund_missing_in_erp              the missing credit memo: Refunds 4900 (Chargeback Losses 6160) against 1050
--   fee_netting                        gross up: Payment Processing Fees 6150 against revenue
--   fx_difference                      1050 against FX gain 7000 (Stripe settled more) or FX loss 8000 (less)
with exceptions as (
    select *
    from {{ ref('fct_reconciliation') }}
    where anomaly_type in ('missing_in_erp', 'amount_mismatch', 'duplicate_in_erp', 'missing_in_billing',
                           'refund_missing_in_erp', 'fee_netting', 'fx_difference')
),

entries as (
    select
        recon_id,
        anomaly_type,
        'NGADJ-' || replace(replace(recon_id, 'B:', ''), 'E:', 'NS') as journal_external_id,
        cast(coalesce(posted_at, billed_at) as date)                 as tran_date,
        case
            when anomaly_type = 'fee_netting' then 6150
            else 1050
        end                                                          as clearing_account,
        case
            when anomaly_type = 'refund_missing_in_erp' then case when stripe_object = 'dispute' then 6160 else 4900 end
            when anomaly_type = 'fx_difference' then case when variance > 0 then 7000 else 8000 end
            else coalesce(account_number, 4000)
        end                                                          as revenue_account,
        case
            when anomaly_type = 'missing_in_erp' then billing_amount
            when anomaly_type in ('amount_mismatch', 'refund_missing_in_erp', 'fee_netting', 'fx_difference') then variance
            else -ledger_amount
        end                                                          as correction,
        anomaly_type = 'missing_in_billing'                          as requires_approval,
        coalesce(stripe_id, netsuite_external_id, cast(netsuite_internal_id as varchar)) as reference
    from exceptions
),

lines as (
    -- correction > 0 adds revenue (or gain): debit line 1, credit line 2. correction < 0 removes it: the reverse.
    select *, 1 as line, clearing_account as account_number,
           case when correction > 0 then correction else 0 end as debit_usd,
           case when correction < 0 then -correction else 0 end as credit_usd
    from entries
    union all
    select *, 2 as line, revenue_account as account_number,
           case when correction < 0 then -correction else 0 end as debit_usd,
           case when correction > 0 then correction else 0 end as credit_usd
    from entries
)

select
    journal_external_id || '-' || cast(line as varchar)               as adjustment_id,
    journal_external_id,
    recon_id,
    cast(line as integer)                                            as line,
    tran_date,
    {{ format_date('tran_date', '%b %Y') }}                           as posting_period,
    cast(account_number as integer)                                  as account_number,
    {{ money('debit_usd') }}                                         as debit_usd,
    {{ money('credit_usd') }}                                        as credit_usd,
    'NeoGlobal auto-heal: ' || anomaly_type || ' ' || reference      as memo,
    anomaly_type,
    requires_approval
from lines
