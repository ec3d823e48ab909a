namespace Ngdbt.Diagnostics;

/// <summary>Collects diagnostics while a stage runs; thread-safe so parallel parsing can report into one bag.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _gate = new();

    public bool HasErrors
    {
        get
        {
            lock (_gate)
            {
                return _items.Exists(d => d.IsError);
            }
        }
    }

    public void Add(Diagnostic diagnostic)
    {
        lock (_gate)
        {
            _items.Add(diagnostic);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        lock (_gate)
        {
            _items.AddRange(diagnostics);
        }
    }

    public void Error(string code, SourceSpan span, string message) => Add(Diagnostic.Error(code, span, message));

    public void Warning(string code, SourceSpan span, string message) => Add(Diagnostic.Warning(code, span, message));

    /// <summary>Diagnostics in a stable order (file, line, column) so output and golden files do not depend on thread timing.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList()
    {
        lock (_gate)
        {
            return [.. _items
                .OrderBy(d => d.Span.File, StringComparer.Ordinal)
                .ThenBy(d => d.Span.Line)
                .ThenBy(d => d.Span.Column)
                .ThenBy(d => d.Message, StringComparer.Ordinal)];
        }
    }
}
