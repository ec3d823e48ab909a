using DuckDB.NET.Data;

namespace NeoGlobal.Dashboard.Api;

/// <summary>
/// Turns a <see cref="RowFilter"/> into a WHERE clause made only of constant SQL text and <c>$pN</c> placeholders;
/// every user value is a bound <see cref="DuckDBParameter"/>.
/// </summary>
internal sealed class FilterSql
{
    private readonly List<string> _conditions = [];
    private readonly List<DuckDBParameter> _parameters = [];

    public FilterSql(RowFilter filter)
    {
        if (filter.AnomalyTypes is { } types) _conditions.Add($"anomaly_type IN ({string.Join(", ", types.Select(Bind))})");
        else if (!filter.AllAnomalies) _conditions.Add("anomaly_type <> 'perfect_match'");
        if (filter.Statuses is { } statuses) _conditions.Add($"status IN ({string.Join(", ", statuses.Select(Bind))})");
        if (filter.From is { } from) _conditions.Add($"transaction_date >= CAST({Bind(from)} AS DATE)");
        if (filter.To is { } to) _conditions.Add($"transaction_date <= CAST({Bind(to)} AS DATE)");
        if (filter.MinAmount is { } min) _conditions.Add($"coalesce(billing_amount, ledger_amount) >= CAST({Bind(min)} AS DECIMAL(19,4))");
        if (filter.MaxAmount is { } max) _conditions.Add($"coalesce(billing_amount, ledger_amount) <= CAST({Bind(max)} AS DECIMAL(19,4))");
        if (filter.Customer is { } customer)
        {
            var p = Bind(customer);
            _conditions.Add($"(customer_id = {p} OR erp_customer_id = {p} OR contains(lower(customer_name), lower({p})))");
        }
        if (filter.Search is { } search)
        {
            _conditions.Add(SearchCondition(search));
        }
        if (filter.LeakingOnly) _conditions.Add("leakage_amount <> 0");
    }

    /// <summary>Id search, narrowed by the id's shape so a pasted id scans one or two columns, not four.</summary>
    private string SearchCondition(string search)
    {
        if (long.TryParse(search, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var internalId))
            return $"(netsuite_internal_id = {Bind(internalId)} OR contains(recon_id, {Bind(search)}))";
        var p = Bind(search);
        if (search.StartsWith("rc_", StringComparison.Ordinal)) return $"contains(recon_id, {p})";
        if (search.StartsWith("ch_", StringComparison.Ordinal) || search.StartsWith("in_", StringComparison.Ordinal))
            return $"(contains(stripe_id, {p}) OR contains(netsuite_external_id, {p}))";
        return $"(contains(recon_id, {p}) OR contains(stripe_id, {p}) OR contains(netsuite_external_id, {p}))";
    }

    public string Where => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

    /// <summary>
    /// ORDER BY from the whitelist, ties broken by rowid — the mirror is stored in recon_id order, so rowid order is
    /// recon_id order (unique, pages never overlap) and is far cheaper to sort on than a string.
    /// </summary>
    public static string OrderBy(RowFilter filter)
    {
        var column = RowFilter.SortColumns[filter.Sort];
        var dir = filter.Descending ? "DESC" : "ASC";
        return column == "recon_id" ? $"ORDER BY rowid {dir}" : $"ORDER BY {column} {dir} NULLS LAST, rowid {dir}";
    }

    public void AddTo(DuckDBCommand command)
    {
        foreach (var p in _parameters) command.Parameters.Add(new DuckDBParameter(p.ParameterName, p.Value));
    }

    private string Bind(object value)
    {
        var name = "p" + _parameters.Count;
        _parameters.Add(new DuckDBParameter(name, value is decimal d ? Data.Money.Format(d) : value));
        return "$" + name;
    }
}
