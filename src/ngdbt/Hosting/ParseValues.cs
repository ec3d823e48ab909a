using System.CommandLine;
using System.CommandLine.Parsing;

namespace Ngdbt.Cli.Hosting;

/// <summary>
/// Reading a parsed command line by symbol name. System.CommandLine's symbols are not thread-safe (adding an option to
/// a command changes the option; parsing reads and caches on it), so every command tree is built from its own option
/// and argument instances: the verbs' option properties return a new one on each read. A value is therefore looked up
/// by the option's name, never by instance. System.CommandLine resolves a name over the whole tree: a name no verb
/// defines throws (ArgumentException), while a name another verb defines reads that option's default, as reading an
/// option the parsed verb lacks by instance did.
/// </summary>
public static class ParseValues
{
    public static T? Value<T>(this ParseResult parse, Option<T> option) => parse.GetValue<T>(option.Name);

    public static T? Value<T>(this ParseResult parse, Argument<T> argument) => parse.GetValue<T>(argument.Name);

    /// <summary>The option's result anywhere in the parse (null when neither given nor defaulted).</summary>
    public static OptionResult? Result(this ParseResult parse, Option option) => parse.GetResult(option.Name) as OptionResult;
}
