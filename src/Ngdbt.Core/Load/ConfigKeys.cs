namespace Ngdbt.Load;

/// <summary>The config keys ngdbt understands, in `config(...)`, schema YAML `config:` and project.yml `+key`.
/// Anything else is a diagnostic with a suggestion: a typo such as `materialised` must not silently build a view.</summary>
public static class ConfigKeys
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "materialized", "schema", "alias", "tags", "unique_key", "incremental_strategy", "enabled", "meta", "contract",
        "docs", "on_schema_change", "full_refresh", "column_types", "delimiter", "quote_columns", "pre_hook", "post_hook",
        "severity", "store_failures", "where", "limit", "warn_if", "error_if", "fail_calc", "strategy", "updated_at",
        "check_cols", "persist_docs", "database", "group", "access", "description", "export", "invalidate_hard_deletes", "event_time",
        "target_schema", "target_database", "hard_deletes", "snapshot_meta_column_names", "dbt_valid_to_current",
        "batches", "batch_rows", "batch_key",
    };

    /// <summary>dbt configs ngdbt accepts (so a dbt project loads) but does not act on yet: each use is a warning
    /// naming it, never silence.</summary>
    public static readonly IReadOnlySet<string> NotImplemented = new HashSet<string>(StringComparer.Ordinal)
    {
        "database", "persist_docs", "fail_calc", "group",
        "access", "delimiter", "quote_columns", "target_database", "snapshot_meta_column_names", "dbt_valid_to_current",
    };

    public static bool IsKnown(string key) => All.Contains(key);
}
