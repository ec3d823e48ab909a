using System.Text.Json;
using Microsoft.Playwright;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>
/// One selector grammar: src/Ngdbt.Tests/Fixtures/selector-vectors.json runs through `ngdbt ls` (the C# selector) and through the docs
/// graph's focus box (docs-site/src/select.js, in Debian's headless Chromium) on the same generated project.
/// </summary>
public sealed class SelectorVectorTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static JsonElement Vectors()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Ngdbt.Tests", "Fixtures", "selector-vectors.json"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "src", "Ngdbt.Tests", "Fixtures", "selector-vectors.json"))).RootElement.Clone();
    }

    private static TestProject Project(JsonElement root) =>
        new(root.GetProperty("project").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));

    private static IEnumerable<(string Select, string? Exclude, string[] Expect)> Cases(JsonElement root) =>
        root.GetProperty("vectors").EnumerateArray().Select(v => (
            v.GetProperty("select").GetString()!,
            v.TryGetProperty("exclude", out var e) ? e.GetString() : null,
            v.GetProperty("expect").EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToArray()));

    [Fact]
    public void Building_an_exposure_builds_what_feeds_it_and_an_unknown_resource_type_is_an_error()
    {
        using var p = Project(Vectors());
        var (exit, output) = p.Run("build", "-s", "+exposure:ops_report");
        Assert.True(exit == 0, output);
        Assert.Contains("PASS=1 ", output, StringComparison.Ordinal); // model other, nothing for the exposure itself
        var (lsExit, ls) = p.Run("ls", "--resource-type", "exposures");
        Assert.Equal(2, lsExit);
        Assert.Contains("unknown resource type 'exposures'", ls, StringComparison.Ordinal);
        var (_, listed) = p.Run("ls", "-s", "exposure:*", "--resource-type", "exposure");
        Assert.Contains("exposure:proj.finance_dash", listed, StringComparison.Ordinal);
        Assert.Contains("exposure:proj.ops_report", listed, StringComparison.Ordinal);
    }

    [Fact]
    public void Ngdbt_ls_agrees_with_every_vector()
    {
        var root = Vectors();
        using var p = Project(root);
        var failures = new List<string>();
        foreach (var (select, exclude, expect) in Cases(root))
        {
            string[] args = ["ls", "--output", "json", "--resource-type", "model", "seed", "source", "snapshot", "exposure", "metric", "semantic_model", "--select", .. select.Split(' ')];
            if (exclude is not null) args = [.. args, "--exclude", .. exclude.Split(' ')];
            var (_, output) = p.Run(args);
            var got = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith('{'))
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("unique_id").GetString()!)
                .Order(StringComparer.Ordinal).ToArray();
            if (!got.SequenceEqual(expect)) failures.Add($"ls -s {select}{(exclude is null ? "" : " --exclude " + exclude)}: got [{string.Join(", ", got)}]\n  {output}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_docs_focus_box_agrees_with_every_vector()
    {
        if (!File.Exists(Chromium)) return; // apt-get install -y chromium; the C# half still runs
        var root = Vectors();
        using var p = Project(root);
        var (exit, output) = p.Run("docs", "generate");
        Assert.True(exit == 0, output);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await page.GotoAsync(new Uri(Path.Combine(p.Root, "target", "docs-site", "index.html")).AbsoluteUri + "#!/graph");
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === '1'");
        var failures = new List<string>();
        foreach (var (select, exclude, expect) in Cases(root))
        {
            var text = exclude is null ? select : select + " --exclude " + exclude;
            var got = await page.EvaluateAsync<string[]>("t => window.ngdbtDocs.select(t).ids", text);
            if (!got.Order(StringComparer.Ordinal).SequenceEqual(expect)) failures.Add($"focus '{text}': got [{string.Join(", ", got)}]");
        }

        // Through the box itself: the graph shows exactly what ls lists.
        await page.FillAsync("#selector", "+rpt_unreconciled");
        await page.PressAsync("#selector", "Enter");
        await page.WaitForFunctionAsync("() => document.getElementById('graph-count').dataset.count === '8'");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
