{{ config(contract: {enforced: true}, export: {path: 'target/exports/netsuite_adjustments.csv', format: 'csv'}) }}
-- The correcting journal entries that would heal the ledger, in NetSuite's CSV journal-import shape: two balanced
-- lines per entry (Stripe clearing 1050 against the revenue account). Orphans need approval: no billing evidence.
with exceptions as (
    select *
    from {{ ref('fct_reconciliation') }}
    where anomaly_type in ('missing_in_erp', 'amount_mismatch', 'duplicate_in_erp', 'missing_in_billing')
),

entries as (
    select
        recon_id,
        anomaly_type,
        'NGADJ-' || replace(replace(recon_id, 'B:', ''), 'E:', 'NS') as journal_external_id,
        cast(coalesce(posted_at, billed_at) as date)                 as tran_date,
        coalesce(account_number, 4000)                               as revenue_account,
        case anomaly_type
            when 'missing_in_erp' then billing_amount
            when 'amount_mismatch' then variance
            else -ledger_amount
        end                                                          as correction,
        anomaly_type = 'missing_in_billing'                          as requires_approval,
        coalesce(stripe_id, netsuite_external_id, cast(netsuite_internal_id as varchar)) as reference
    from exceptions
),

lines as (
    -- correction > 0 adds revenue: debit clearing, credit revenue. correction < 0 removes it: the reverse.
    select *, 1 as line, 1050 as account_number,
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
