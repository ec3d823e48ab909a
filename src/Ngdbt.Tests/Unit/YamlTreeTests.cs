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
}
