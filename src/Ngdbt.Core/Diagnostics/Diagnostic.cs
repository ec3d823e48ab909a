namespace Ngdbt.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A problem found in the user's project: a value, never an exception. Printed MSBuild-style.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, SourceSpan Span)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Error(string code, SourceSpan span, string message) => new(DiagnosticSeverity.Error, code, message, span);

    public static Diagnostic Warning(string code, SourceSpan span, string message) => new(DiagnosticSeverity.Warning, code, message, span);

    public override string ToString()
        => $"{Span}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
