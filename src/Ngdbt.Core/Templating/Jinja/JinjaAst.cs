namespace Ngdbt.Templating.Jinja;

/// <summary>A Jinja syntax or runtime error at an offset of the original file text.</summary>
internal class JinjaException(string message, int offset) : Exception(message)
{
    public int Offset { get; set; } = offset;

    /// <summary>The file the offset is in, once known (an error inside a macro is in the macro's file).</summary>
    public JinjaSource? File { get; set; }
}

// Statements. Every node carries the offset of its tag in the file.
internal abstract record Stmt(int Offset);

internal sealed record TextStmt(string Text, int Offset) : Stmt(Offset);

internal sealed record OutputStmt(Expr Value, int Offset) : Stmt(Offset);

internal sealed record IfStmt(IReadOnlyList<(Expr Condition, IReadOnlyList<Stmt> Body)> Branches, IReadOnlyList<Stmt>? Else, int Offset) : Stmt(Offset);

internal sealed record ForStmt(IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt>? Else, int Offset) : Stmt(Offset);

internal sealed record SetStmt(IReadOnlyList<Expr> Targets, Expr Value, int Offset) : Stmt(Offset);

internal sealed record SetBlockStmt(Expr Target, IReadOnlyList<(string Name, IReadOnlyList<Expr> Args, int Offset)> Filters, IReadOnlyList<Stmt> Body, int Offset) : Stmt(Offset);

internal sealed record MacroParam(string Name, Expr? Default);

internal sealed record MacroStmt(string Name, IReadOnlyList<MacroParam> Params, IReadOnlyList<Stmt> Body, int Offset) : Stmt(Offset);

internal sealed record CallBlockStmt(CallExpr Call, IReadOnlyList<MacroParam> CallerParams, IReadOnlyList<Stmt> Body, int Offset) : Stmt(Offset);

internal sealed record FilterBlockStmt(IReadOnlyList<(string Name, IReadOnlyList<Expr> Args, int Offset)> Filters, IReadOnlyList<Stmt> Body, int Offset) : Stmt(Offset);

internal sealed record DoStmt(Expr Value, int Offset) : Stmt(Offset);

internal sealed record DocsStmt(string Name, string Body, int Offset) : Stmt(Offset);

internal sealed record LoopControlStmt(bool IsBreak, int Offset) : Stmt(Offset);

/// <summary>`{% snapshot name %} select ... {% endsnapshot %}`: at the top of a file in snapshot-paths, its body becomes
/// the file's template (JinjaFrontEnd.Snapshots.cs).</summary>
internal sealed record SnapshotStmt(string Name, IReadOnlyList<Stmt> Body, int Offset) : Stmt(Offset);

// Expressions.
internal abstract record Expr(int Offset);

internal sealed record ConstExpr(object? Value, int Offset) : Expr(Offset);

internal sealed record NameExpr(string Name, int Offset) : Expr(Offset);

internal sealed record AttrExpr(Expr Target, string Name, int Offset) : Expr(Offset);

internal sealed record ItemExpr(Expr Target, Expr Key, int Offset) : Expr(Offset);

internal sealed record SliceExpr(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Offset) : Expr(Offset);

internal sealed record CallExpr(Expr Target, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Offset) : Expr(Offset);

internal sealed record FilterExpr(Expr Value, string Name, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Offset) : Expr(Offset);

internal sealed record TestExpr(Expr Value, string Name, IReadOnlyList<Expr> Args, bool Negated, int Offset) : Expr(Offset);

internal sealed record UnaryExpr(string Op, Expr Operand, int Offset) : Expr(Offset);

internal sealed record BinaryExpr(string Op, Expr Left, Expr Right, int Offset) : Expr(Offset);

internal sealed record CondExpr(Expr Condition, Expr Then, Expr? Else, int Offset) : Expr(Offset);

internal sealed record ListExpr(IReadOnlyList<Expr> Items, bool IsTuple, int Offset) : Expr(Offset);

internal sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Items, int Offset) : Expr(Offset);
