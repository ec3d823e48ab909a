using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Execute;

/// <summary>dbt's statuses: models and seeds are success/error/skipped; tests are pass/fail/warn/error/skipped.</summary>
public enum NodeStatus
{
    Success,
    Error,
    Skipped,
    Pass,
    Fail,
    Warn,
}

public sealed record NodeResult(
    Node Node,
    NodeStatus Status,
    TimeSpan ExecutionTime,
    string Message,
    long? RowsAffected = null,
    long? Failures = null,
    Diagnostic? Diagnostic = null,
    IReadOnlyList<string>? Details = null)
{
    public bool BlocksDownstream => Status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Skipped;

    /// <summary>Failed for want of memory shared with concurrent statements (<see cref="Adapters.AdapterSqlException.OutOfMemory"/>).</summary>
    public bool OutOfMemory { get; init; }
}

public sealed record RunResult(IReadOnlyList<NodeResult> Results, TimeSpan Elapsed)
{
    public bool Success => Results.All(r => r.Status is NodeStatus.Success or NodeStatus.Pass or NodeStatus.Warn);

    public int Count(params NodeStatus[] statuses) => Results.Count(r => statuses.Contains(r.Status));
}

/// <summary>Receives progress while the executor runs; the CLI prints dbt-style lines from it.</summary>
public interface IRunReporter
{
    void Started(int index, int total, Node node, string description);

    void Finished(int index, int total, NodeResult result, string description);
}
