using System.Text.Json;
using EntityGraph.Cli.View;
using Microsoft.Playwright;

namespace EntityGraph.BrowserTests;

/// <summary>The pages of <c>entitygraph view</c> and the service's page, in Chromium.</summary>
public sealed class ViewerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Seed = "001_eebee293d901455e";

    private const string DataScript = "() => JSON.parse(document.getElementById('" + HtmlView.DataElementId + "').textContent)";

    [Theory]
    [InlineData("000_02c660931d4fc233")]
    [InlineData("001_eebee293d901455e")]
    public async Task SeedPage_HighlightsEveryMentionAtItsOffsets(string seed)
    {
        (IPage page, List<string> events) = await OpenAsync(seed + ".html");
        JsonElement data = await page.EvaluateAsync<JsonElement>(DataScript);
        int expected = data.GetProperty("doc").GetProperty("mentions").GetArrayLength();
        Assert.True(expected > 20);
        int highlighted = await page.EvaluateAsync<int>("() => new Set([...document.querySelectorAll('#text mark[data-m]')].map(e => e.dataset.m)).size");
        Assert.Equal(expected, highlighted);
        // Each highlight covers exactly text[start..end] of its mention, and the text shown is the original text.
        int wrong = await page.EvaluateAsync<int>("""
            () => {
              const d = JSON.parse(document.getElementById('eg-data').textContent);
              const seen = {};
              document.querySelectorAll('#text mark[data-m]').forEach(e => seen[e.dataset.m] = (seen[e.dataset.m] || '') + e.textContent);
              return d.doc.mentions.filter(m => seen[m.index] !== d.text.slice(m.start, m.end)).length;
            }
            """);
        Assert.Equal(0, wrong);
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('text').textContent === JSON.parse(document.getElementById('eg-data').textContent).text"));
        Assert.Equal(expected, await page.Locator("#text mark[title]").CountAsync() - await CountSplitPartsAsync(page));
        Assert.Empty(events);
    }

    [Fact]
    public async Task ClickingAnEntity_HighlightsAllItsMentions()
    {
        (IPage page, List<string> events) = await OpenAsync(Seed + ".html");
        JsonElement doc = (await page.EvaluateAsync<JsonElement>(DataScript)).GetProperty("doc");
        JsonElement entity = doc.GetProperty("entities").EnumerateArray().MaxBy(e => e.GetProperty("mentions").GetArrayLength());
        int[] mentions = [.. entity.GetProperty("mentions").EnumerateArray().Select(m => m.GetInt32()).Order()];
        Assert.True(mentions.Length > 3);
        await page.ClickAsync($"button[data-entity=\"{entity.GetProperty("index").GetInt32()}\"]");
        int[] lit = await HighlightedMentionsAsync(page, "hl");
        Assert.Equal(mentions, lit);
        // Clicking a mention in the text selects its entity too.
        await page.ClickAsync($"#text mark[data-m=\"{mentions[^1]}\"]");
        Assert.Equal(mentions, await HighlightedMentionsAsync(page, "hl"));
        Assert.Empty(events);
    }

    [Fact]
    public async Task SelectingARelation_HighlightsItsSentenceTriggerAndArguments()
    {
        (IPage page, List<string> events) = await OpenAsync(Seed + ".html");
        JsonElement data = await page.EvaluateAsync<JsonElement>(DataScript);
        string text = data.GetProperty("text").GetString()!;
        JsonElement[] relations = [.. data.GetProperty("doc").GetProperty("relations").EnumerateArray()];
        int ri = Array.FindIndex(relations, r => r.GetProperty("asserted").GetBoolean()
            && r.GetProperty("evidence").EnumerateArray().Any(e => e.GetProperty("triggerText").ValueKind == JsonValueKind.String));
        Assert.True(ri >= 0);
        JsonElement[] evidence = [.. relations[ri].GetProperty("evidence").EnumerateArray()];
        int k = Array.FindIndex(evidence, e => e.GetProperty("triggerText").ValueKind == JsonValueKind.String);
        JsonElement ev = evidence[k];
        await page.ClickAsync($"button[data-evidence=\"{ri}:{k}\"]");

        string sentence = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('#text .s.hs')].map(e => e.textContent).join('')");
        Assert.Equal(text[ev.GetProperty("sentenceStart").GetInt32()..ev.GetProperty("sentenceEnd").GetInt32()], sentence);
        string trigger = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('#text .trg.ht')].map(e => e.textContent).join('')");
        Assert.Equal(ev.GetProperty("triggerText").GetString(), trigger);
        int[] arguments = [ev.GetProperty("subjectMention").GetInt32(), ev.GetProperty("objectMention").GetInt32()];
        Assert.Equal(arguments.Distinct().Order().ToArray(), await HighlightedMentionsAsync(page, "ha"));
        Assert.Equal(1, await page.Locator($"svg.graph .edge.sel[data-edge=\"{ri}\"]").CountAsync());

        // The relation's own button picks its best evidence and highlights it the same way.
        await page.ClickAsync($"button[data-relation=\"{ri}\"]");
        Assert.True(await page.Locator("#text .s.hs").CountAsync() > 0);
        Assert.InRange((await HighlightedMentionsAsync(page, "ha")).Length, 1, 2);
        await ScreenshotAsync(page, "article-relation.png");
        Assert.Empty(events);
    }

    [Fact]
    public async Task Screenshot_ForTheReadme()
    {
        // docs/view.png is a copy of this picture: an article with one relation's evidence selected.
        (IPage page, List<string> events) = await OpenAsync(Seed + ".html", width: 1000, height: 620);
        await page.ClickAsync("#relations button[data-relation]");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "view.png");
        Assert.True(new FileInfo(Path.Combine(BrowserFixture.Artifacts, "view.png")).Length > 10_000);
        Assert.Empty(events);
    }

    [Fact]
    public async Task UnassertedRelations_AreListedApart()
    {
        (IPage page, _) = await OpenAsync(Seed + ".html");
        JsonElement doc = (await page.EvaluateAsync<JsonElement>(DataScript)).GetProperty("doc");
        JsonElement[] relations = [.. doc.GetProperty("relations").EnumerateArray()];
        int asserted = relations.Count(r => r.GetProperty("asserted").GetBoolean());
        Assert.Equal(asserted, await page.Locator("#relations button[data-relation]").CountAsync());
        Assert.Equal(relations.Length - asserted, await page.Locator("#unasserted button[data-relation]").CountAsync());
        // The graph draws asserted relations only.
        Assert.Equal(asserted, await page.Locator("svg.graph .edge").CountAsync());
    }

    [Fact]
    public async Task Keyboard_GraphNodeAndButtonsWorkWithEnterAndSpace()
    {
        (IPage page, _) = await OpenAsync(Seed + ".html");
        ILocator node = page.Locator("svg.graph .node").First;
        string entity = (await node.GetAttributeAsync("data-node"))!;
        await node.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await page.Locator($"#text mark.hl[data-e=\"{entity}\"]").CountAsync() > 0);
        await page.Locator("button[data-relation]").First.FocusAsync();
        await page.Keyboard.PressAsync(" ");
        Assert.True(await page.Locator("#text .s.hs").CountAsync() > 0);
        Assert.Equal(0, await page.Locator("#text mark.hl").CountAsync());
    }

    [Fact]
    public async Task NarrowWindow_HasNoSidewaysScrolling()
    {
        (IPage page, _) = await OpenAsync(Seed + ".html", width: 380, height: 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await ScreenshotAsync(page, "article-narrow.png");
    }

    [Fact]
    public async Task Index_DrawsTheMergedGraphAndLinksToTheArticles()
    {
        (IPage page, List<string> events) = await OpenAsync("index.html");
        JsonElement data = await page.EvaluateAsync<JsonElement>(DataScript);
        Assert.Equal(data.GetProperty("edges").GetArrayLength(), await page.Locator("svg.graph .edge").CountAsync());
        Assert.True(await page.Locator("svg.graph .node").CountAsync() > 10);
        // Node size grows with mention count: the most mentioned entity has the largest circle.
        string top = data.GetProperty("nodes").EnumerateArray().MaxBy(n => n.GetProperty("mentions").GetInt32()).GetProperty("id").GetString()!;
        string largest = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('svg.graph .node')].sort((a, b) => b.querySelector('circle').r.baseVal.value - a.querySelector('circle').r.baseVal.value)[0].dataset.node");
        Assert.Equal(top, largest);
        await ScreenshotAsync(page, "index.png");
        await page.ClickAsync("#articles a >> nth=1");
        await page.WaitForSelectorAsync("html[data-ready=true] #text mark");
        Assert.EndsWith(Seed + ".html", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("header a");
        await page.WaitForSelectorAsync("html[data-ready=true] #articles");
        Assert.Empty(events);
    }

    [Fact]
    public async Task HostileArticle_RunsNoScriptFromTheInput()
    {
        string folder = Path.Combine(fixture.Pages, "hostile");
        Directory.CreateDirectory(folder);
        const string Text = "Barack Obama met <script>window.pwned = 1; alert('x')</script> officials in Baghdad &amp; \"Iran\" <img src=x onerror=\"window.pwned = 2\"> 'ISIS' </script><svg onload=\"window.pwned = 3\">.\n";
        string file = Path.Combine(folder, "evil.txt");
        await File.WriteAllTextAsync(file, Text);
        using (var output = new StringWriter())
        using (var error = new StringWriter())
            Assert.Equal(0, EntityGraph.Cli.CliApp.Run(["view", file, "--out", folder], new EntityGraph.Cli.CliConsole(TextReader.Null, output, error)));
        (IPage page, List<string> events) = await OpenAsync(Path.Combine("hostile", "evil.html"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.Empty(events);
        Assert.Equal(Text, await page.EvaluateAsync<string>("() => document.getElementById('text').textContent"));
        Assert.Equal(0, await page.Locator("#text script, #text img, #text svg").CountAsync());
        Assert.Equal(2, await page.Locator("script").CountAsync());
        Assert.True(await page.Locator("#text mark").CountAsync() > 0);
    }

    [Fact]
    public async Task ServicePage_PasteTextAndSeeEntities()
    {
        (IPage page, List<string> events) = await NewAsync();
        await page.GotoAsync(fixture.ServiceAddress.ToString());
        await page.WaitForSelectorAsync("html[data-ready=true] #input");
        string text = await File.ReadAllTextAsync(Path.Combine(BrowserFixture.Seeds, "000_02c660931d4fc233.txt"));
        await page.FillAsync("#input", text);
        await page.ClickAsync("#extract");
        await page.WaitForSelectorAsync("#result #text mark", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Document expected = fixture.Pipeline.Process(text, "pasted");
        Assert.Equal(expected.Mentions.Count, await page.EvaluateAsync<int>("() => new Set([...document.querySelectorAll('#text mark[data-m]')].map(e => e.dataset.m)).size"));
        Assert.Equal(expected.Entities.Count, await page.Locator("#entities button").CountAsync());
        Assert.Equal(text, await page.Locator("#text").TextContentAsync());
        await ScreenshotAsync(page, "service.png");

        // An empty text gets the service's message, not a broken page.
        await page.FillAsync("#input", "   ");
        await page.ClickAsync("#extract");
        await page.WaitForSelectorAsync("#result .error");
        Assert.Contains("empty", await page.Locator("#result .error").TextContentAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(events, e => e.StartsWith("pageerror", StringComparison.Ordinal));
    }

    private Task<(IPage Page, List<string> Events)> NewAsync(int width = 1280, int height = 900) => fixture.NewPageAsync(width, height);

    private async Task<(IPage Page, List<string> Events)> OpenAsync(string relative, int width = 1280, int height = 900)
    {
        (IPage page, List<string> events) = await NewAsync(width, height);
        await page.GotoAsync(new Uri(Path.Combine(fixture.Pages, relative)).AbsoluteUri);
        await page.WaitForSelectorAsync("html[data-ready=true]");
        return (page, events);
    }

    private static async Task<int[]> HighlightedMentionsAsync(IPage page, string cls) =>
        (await page.EvaluateAsync<int[]>($"() => [...new Set([...document.querySelectorAll('#text mark.{cls}')].map(e => +e.dataset.m))]")).Order().ToArray();

    /// <summary>Marks beyond the first of each mention: a mention that a sentence or trigger boundary cuts is drawn in parts.</summary>
    private static async Task<int> CountSplitPartsAsync(IPage page) =>
        await page.EvaluateAsync<int>("() => { const all = [...document.querySelectorAll('#text mark[data-m]')]; return all.length - new Set(all.map(e => e.dataset.m)).size; }");

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, name) });
}
