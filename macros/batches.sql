{{## `config(batch_rows: recon_batch_rows())` on a big table keyed by recon_key (fct_reconciliation): on DuckDB the table
     is built in batches of recon_key, one per var('recon_batch_rows') rows of its largest `batch_key` input (1.5M rows a
     side: one batch; 15M: eight), so each batch's joins fit under the 1 GB memory_limit instead of spilling. Elsewhere
     one statement (null: not set): PostgreSQL spills its own way, and Citus already splits the work into co-located
     shards. ##}}
{{ func default__recon_batch_rows()
    ret null
end }}

{{ func duckdb__recon_batch_rows()
    ret var('recon_batch_rows')
end }}
