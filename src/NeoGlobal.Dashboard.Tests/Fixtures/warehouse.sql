-- Synthetic NeoGlobal warehouse honouring the dashboard's contract (main_integrity.fct_reconciliation,
-- main_marts.rpt_erp_adjustments). Row count from the variable n: SET VARIABLE n = 3000; before running.
-- Deterministic (hash-based, no random()): anomaly mix by i % 100, log-uniform amounts with 4 decimals,
-- one year of transaction dates, max(250, n/300) customers (customer 7 has an XSS payload as its name).
CREATE SCHEMA IF NOT EXISTS main_integrity;
CREATE SCHEMA IF NOT EXISTS main_marts;
CREATE OR REPLACE TABLE main_integrity.fct_reconciliation AS
WITH base AS (
    SELECT i,
        CASE WHEN i % 100 < 82 THEN 'perfect_match' WHEN i % 100 < 86 THEN 'missing_in_erp'
             WHEN i % 100 < 89 THEN 'amount_mismatch' WHEN i % 100 < 93 THEN 'timing_drift'
             WHEN i % 100 < 95 THEN 'metadata_mismatch' WHEN i % 100 < 96 THEN 'duplicate_in_erp'
             WHEN i % 100 < 98 THEN 'missing_in_billing' ELSE 'needs_review' END AS a,
        DATE '2025-01-01' + CAST((i * 7919) % 365 AS INTEGER) AS d,
        CAST(round(exp(3 + 5.5 * ((hash(i) % 1000003) / 1000003.0)), 4) AS DECIMAL(19,4)) AS amt,
        CAST(((i % 13) + 1) * 1.2345 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) AS DECIMAL(19,4)) AS delta,
        CAST((i * 31) % greatest(250, getvariable('n') // 300) AS INTEGER) AS cust
    FROM range(getvariable('n')) t(i)
), sides AS (
    SELECT *,
        CASE WHEN a = 'missing_in_billing' THEN NULL ELSE (CASE WHEN i % 2 = 0 THEN 'ch_' ELSE 'in_' END) || substr(md5(i::VARCHAR), 1, 14) END AS sid,
        CASE WHEN a = 'missing_in_billing' THEN NULL ELSE amt END AS bill,
        CASE WHEN a = 'missing_in_erp' THEN NULL WHEN a = 'amount_mismatch' THEN amt - delta ELSE amt END AS ledger
    FROM base
)
SELECT
    'rc_' || lpad(i::VARCHAR, 8, '0') AS recon_id,
    sid AS stripe_id,
    CASE WHEN sid IS NULL THEN NULL WHEN i % 2 = 0 THEN 'charge' ELSE 'invoice' END AS stripe_object,
    CASE WHEN a = 'missing_in_erp' THEN NULL ELSE CAST(100000 + i AS BIGINT) END AS netsuite_internal_id,
    CASE WHEN a = 'missing_in_erp' THEN NULL WHEN sid IS NULL THEN 'NS-' || i ELSE sid END AS netsuite_external_id,
    'cus_' || lpad(cust::VARCHAR, 5, '0') AS customer_id,
    CASE WHEN cust = 7 THEN '<img src=x onerror=window.__xss=1>' ELSE 'Customer ' || cust END AS customer_name,
    'C-' || cust AS erp_customer_id,
    CAST(d AS TIMESTAMP) + INTERVAL (i % 20) HOUR AS billed_at,
    CASE WHEN a = 'missing_in_erp' THEN NULL
         ELSE CAST(d AS TIMESTAMP) + INTERVAL (i % 20 + CASE WHEN a = 'timing_drift' THEN 24 + i % 48 ELSE 1 END) HOUR END AS posted_at,
    d AS transaction_date,
    CAST(date_trunc('month', d) AS DATE) AS billing_month,
    strftime(d, '%b %Y') AS posting_period,
    4000 AS account_number,
    (['Platform', 'Logistics', 'Support'])[i % 3 + 1] AS product_line,
    bill AS billing_amount,
    ledger AS ledger_amount,
    CAST(coalesce(bill, 0) - coalesce(ledger, 0) AS DECIMAL(19,4)) AS variance,
    CAST(CASE WHEN a = 'missing_in_erp' THEN bill WHEN a = 'amount_mismatch' THEN abs(bill - ledger) ELSE 0 END AS DECIMAL(19,4)) AS leakage_amount,
    CASE WHEN a = 'timing_drift' THEN 24 + i % 48 ELSE 1 END AS drift_hours,
    a = 'perfect_match' AS is_perfect_match,
    a = 'missing_in_erp' AS is_missing_in_erp,
    a = 'missing_in_billing' AS is_missing_in_billing,
    a = 'amount_mismatch' AS is_amount_mismatch,
    a = 'timing_drift' AS is_timing_drift,
    a = 'timing_drift' AND i % 5 = 0 AS is_cutoff_risk,
    a = 'metadata_mismatch' AS is_metadata_mismatch,
    a = 'duplicate_in_erp' AS is_duplicate_in_erp,
    a = 'needs_review' AS is_needs_review,
    CASE WHEN a IN ('missing_in_erp', 'missing_in_billing') THEN NULL WHEN a = 'needs_review' THEN 'fuzzy'
         WHEN i % 10 = 1 THEN 'normalized_id' ELSE 'exact_id' END AS match_method,
    a AS anomaly_type,
    CASE WHEN a = 'perfect_match' THEN NULL ELSE a || ' detected on ' || strftime(d, '%Y-%m-%d') END AS anomaly_detail,
    CASE WHEN a = 'perfect_match' THEN 'reconciled' WHEN a = 'needs_review' THEN 'needs_review'
         WHEN a IN ('timing_drift', 'metadata_mismatch') THEN 'healed' ELSE 'open' END AS status,
    CASE a WHEN 'missing_in_erp' THEN 'post_invoice_to_erp' WHEN 'amount_mismatch' THEN 'post_adjusting_entry'
           WHEN 'duplicate_in_erp' THEN 'reverse_duplicate' WHEN 'missing_in_billing' THEN 'investigate_ledger_only' END AS proposed_action
FROM sides;

CREATE OR REPLACE TABLE main_marts.rpt_erp_adjustments AS
SELECT 'adj_' || recon_id AS adjustment_id, 'JE-' || recon_id AS journal_external_id, recon_id, CAST(l.line AS INTEGER) AS line,
    transaction_date AS tran_date, posting_period, CASE l.line WHEN 1 THEN 1200 ELSE 4000 END AS account_number,
    CAST(CASE l.line WHEN 1 THEN leakage_amount ELSE 0 END AS DECIMAL(19,4)) AS debit_usd,
    CAST(CASE l.line WHEN 2 THEN leakage_amount ELSE 0 END AS DECIMAL(19,4)) AS credit_usd,
    anomaly_type || ' ' || coalesce(stripe_id, '') AS memo, anomaly_type, leakage_amount > 1000 AS requires_approval
FROM main_integrity.fct_reconciliation, (VALUES (1), (2)) l(line)
WHERE leakage_amount <> 0;

-- The chart of accounts seed (a slice): the detail view names accounts from it.
CREATE SCHEMA IF NOT EXISTS main_reference;
CREATE OR REPLACE TABLE main_reference.chart_of_accounts AS
SELECT * FROM (VALUES (1200, 'Accounts Receivable', 'Asset'), (4000, 'Subscription Revenue', 'Revenue')) t(account_number, account_name, account_type);
