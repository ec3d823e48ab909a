namespace NeoGlobal.Dashboard;

/// <summary>
/// Where the warehouse is and how to serve it. <paramref name="Schema"/> holds <c>fct_reconciliation</c>,
/// <paramref name="MartsSchema"/> holds <c>rpt_erp_adjustments</c>; table names are fixed by the warehouse contract.
/// Port 0 picks a free port. The host defaults to loopback only.
/// </summary>
public sealed record DashboardOptions(
    string WarehousePath,
    string Schema = "main_integrity",
    int Port = 8080,
    string Host = "127.0.0.1",
    string? DocsSiteDir = null,
    string MartsSchema = "main_marts");
