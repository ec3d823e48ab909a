namespace Ngdbt.Conversion;

/// <summary>A template in Scriban: the text, the names it calls and the macros it defines (those that `ret` a value
/// apart), so the project converter can keep callers and callees in the same language.</summary>
internal sealed record ConvertedTemplate(string Text, IReadOnlySet<string> Called, IReadOnlyList<string> Macros, IReadOnlySet<string> Returning);
