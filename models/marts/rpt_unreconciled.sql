-- Every record that is not a perfect match, with the evidence from both systems and what to do about it.
select
    recon_id,
    anomaly_type,
    anomaly_detail,
    status,
    status in ('open', 'needs_review')                                         as requires_action,
    match_method,
    stripe_id,
    netsuite_internal_id,
    netsuite_external_id,
    customer_id,
    erp_customer_id,
    customer_name,
    transaction_date,
    billed_at,
    posted_at,
    drift_hours,
    posting_period,
    account_number,
    billing_amount,
    ledger_amount,
    variance,
    leakage_amount,
    is_cutoff_risk,
    proposed_action
from {{ ref('fct_reconciliation') }}
where anomaly_type <> 'perfect_match'
