namespace Ngdbt.Docs;

public sealed record DocsOptions
{
    /// <summary>Folder with manifest.json (required), catalog.json and run_results.json (optional).</summary>
    public required string TargetDir { get; init; }

    /// <summary>Where the site goes; defaults to <c>&lt;TargetDir&gt;/docs-site</c>.</summary>
    public string? OutputDir { get; init; }

    /// <summary>Overrides the manifest's project name in the site header.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Where unchanged models' column lineage is kept between runs; default
    /// <c>&lt;TargetDir&gt;/docs-lineage-cache.json</c>.</summary>
    public string? LineageCacheFile { get; init; }

    /// <summary>False analyses every model afresh and leaves the cache file alone.</summary>
    public bool ReuseLineage { get; init; } = true;

    public string ResolvedOutputDir => OutputDir ?? Path.Combine(TargetDir, "docs-site");

    public string ResolvedLineageCacheFile => LineageCacheFile ?? Path.Combine(TargetDir, Lineage.LineageCache.FileName);
}

public enum DocsSeverity { Info, Warning, Error }

public sealed record DocsDiagnostic(DocsSeverity Severity, string Code, string Message, string? UniqueId = null)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Code}: {Message}{(UniqueId is null ? "" : $" ({UniqueId})")}";
}

public sealed record DocsResult(string OutputDir, IReadOnlyList<string> FilesWritten, IReadOnlyList<DocsDiagnostic> Diagnostics, TimeSpan Elapsed)
{
    public bool Success => Diagnostics.All(d => d.Severity != DocsSeverity.Error);
    public string IndexPath => Path.Combine(OutputDir, "index.html");
}
