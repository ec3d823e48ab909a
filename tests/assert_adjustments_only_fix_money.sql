-- Self-healing stays honest: a journal entry is proposed only for a record whose money is wrong in the ledger, never
-- for one that is merely split, consolidated, refunded with its credit memo, rounded under a cent, or perfect.
select a.adjustment_id, f.anomaly_type
from {{ ref('rpt_erp_adjustments') }} as a
inner join {{ ref('fct_reconciliation') }} as f on f.recon_id = a.recon_id
where f.anomaly_type not in ('missing_in_erp', 'amount_mismatch', 'duplicate_in_erp', 'missing_in_billing',
                             'refund_missing_in_erp', 'fee_netting', 'fx_difference')
