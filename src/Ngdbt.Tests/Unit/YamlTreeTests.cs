using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Xunit;

namespace Ngdbt.Tests.Unit;

public sealed class YamlTreeTests
{
    [Fact]
    public void Reads_mappings_sequences_scalars_with_positions_and_anchors()
    {
        var bag = new DiagnosticBag();
        var root = Yaml.ParseMapping("defaults: &tests\n  - unique\n  - not_null\nmodels:\n  - name: a\n    tests: *tests\n    price: '10.50'\n    rate: 0.0100\n", "schema.yml", bag);
        Assert.NotNull(root);
        Assert.False(bag.HasErrors);
        var model = (YamlMappingNode)((YamlSequenceNode)root!.Get("models")!).Children[0];
        Assert.Equal(new SourceSpan("schema.yml", 5, 5), Yaml.Span(model, "schema.yml"));
        Assert.Equal(["unique", "not_null"], Yaml.StringList(model.Get("tests")));
        Assert.Equal("10.50", Yaml.ToPlain(model.Get("price")!));
        Assert.Equal(0.0100m, Yaml.ToPlain(model.Get("rate")!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Empty_documents_are_empty_mappings(string text)
    {
        var root = Yaml.ParseMapping(text, "empty.yml", new DiagnosticBag());
        Assert.NotNull(root);
        Assert.Empty(root!.Children);
    }

    [Fact]
    public void Unknown_alias_is_a_positioned_syntax_error()
    {
        var bag = new DiagnosticBag();
        Assert.Null(Yaml.ParseMapping("a: 1\nb: *nowhere\n", "bad.yml", bag));
        var error = Assert.Single(bag.ToSortedList());
        Assert.Equal(DiagnosticCodes.YamlSyntax, error.Code);
        Assert.Equal(2, error.Span.Line);
    }

    /// <summary>Schema entries are converted as they are read and leave the tree; the document is what a whole-tree
    /// parse gave: order, positions, aliases to an entry, to an inner node, to a whole anchored list.</summary>
    [Fact]
    public void Schema_entries_read_as_they_stream_keep_order_positions_and_aliases()
    {
        const string Text = "models: &all\n  - name: a\n    columns: &cols\n      - name: id\n        tests: [not_null]\n  - &b\n    name: b\n    columns: *cols\n"
            + "seeds:\n  - *b\nsnapshots: *all\n";
        var bag = new DiagnosticBag();
        var doc = Ngdbt.Parse.SchemaYamlParser.Parse(Text, "schema.yml", bag);
        Assert.False(bag.HasErrors, string.Join("; ", bag.ToSortedList()));
        Assert.Equal(["a", "b"], doc!.Models.Select(m => m.Name));
        Assert.Equal(new SourceSpan("schema.yml", 2, 5), doc.Models[0].Span);
        Assert.Equal("not_null", doc.Models[1].Columns.Single().Tests.Single().TestName);
        Assert.Equal(["b"], doc.Seeds.Select(m => m.Name));
        Assert.Equal(["a", "b"], doc.Snapshots.Select(m => m.Name));
    }

    [Fact]
    public void A_schema_file_with_a_syntax_error_reports_only_that_even_after_bad_entries()
    {
        var bag = new DiagnosticBag();
        Assert.Null(Ngdbt.Parse.SchemaYamlParser.Parse("models:\n  - name: a\n    colums: []\n  - 42\nsources: [\n", "schema.yml", bag));
        var error = Assert.Single(bag.ToSortedList());
        Assert.Equal(DiagnosticCodes.YamlSyntax, error.Code);
    }
}
