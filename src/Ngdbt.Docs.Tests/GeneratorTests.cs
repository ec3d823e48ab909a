using Ngdbt.Docs.Site;
using Xunit;

namespace Ngdbt.Docs.Tests;

public sealed class GeneratorTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public void Writes_a_self_contained_site()
    {
        Assert.True(site.Result.Success, string.Join("\n", site.Result.Diagnostics));
        foreach (var file in new[] { "index.html", "app.js", "app.css", "data/graph.js", "data/search.js", "data/lineage.js", "data/nodes/0.js" })
            Assert.True(File.Exists(Path.Combine(site.OutputDir, file)), file);
        var html = site.Read("index.html");
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("fetch(", site.Read("app.js"));
    }

    [Fact]
    public void Data_files_escape_markup()
    {
        var shard = site.Read("data/nodes/0.js");
        Assert.DoesNotContain("<script>", shard);
        Assert.DoesNotContain("<img", shard);
        Assert.DoesNotContain("</script>", site.Read("data/graph.js"));
    }

    [Fact]
    public void Missing_manifest_is_a_diagnostic_not_an_exception()
    {
        var result = DocsSiteGenerator.Generate(new DocsOptions { TargetDir = Path.Combine(site.OutputDir, "nope") });
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code == "DOCS001");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;")]
    [InlineData("[x](javascript:alert(1))", "href=\"#\"")]
    [InlineData("[x](  JaVaScRiPt:alert(1))", "href=\"#\"")]
    [InlineData("**bold** [ok](https://example.com/a:b)", "href=\"https://example.com/a:b\"")]
    public void Markdown_is_rendered_and_sanitized(string markdown, string expected)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.Contains(expected, html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Layout_puts_children_right_of_parents()
    {
        // 0 → 1 → 3, 0 → 2 → 3
        var parents = new List<int>[] { [], [0], [0], [1, 2] };
        var layout = GraphLayout.Compute([true, true, true, true], parents);
        Assert.True(layout.X[0] < layout.X[1] && layout.X[1] < layout.X[3]);
        Assert.Equal(layout.X[1], layout.X[2]);
        Assert.NotEqual(layout.Y[1], layout.Y[2]);
        Assert.Equal(3, layout.Layers);
    }

    [Fact]
    public void Search_index_has_column_tokens_and_identifier_parts()
    {
        var js = site.Read("data/search.js");
        Assert.Contains("\"credit_usd\"", js);
        Assert.Contains("\"reconciliation\"", js);
    }
}
