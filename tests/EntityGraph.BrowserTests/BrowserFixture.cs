using EntityGraph.Cli;
using EntityGraph.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EntityGraph.BrowserTests;

/// <summary>
/// Once per test class: the seed pages written by <c>entitygraph view</c>, the service on a free port, and Debian's
/// Chromium driven by Playwright. Playwright's own browser download cannot work here, so the system browser is
/// launched by its path (<c>CHROMIUM_PATH</c>, default /usr/bin/chromium; .ci/run installs it with apt-get).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Seeds => Path.Combine(RepoRoot, "benchmarks", "corpus", "seeds");

    /// <summary>Where screenshots go; CI keeps artifacts/.</summary>
    public static string Artifacts => Path.Combine(RepoRoot, "artifacts", "browser");

    public string Pages { get; } = Path.Combine(Path.GetTempPath(), "entitygraph-browser-" + Guid.NewGuid().ToString("N"));

    public Pipeline Pipeline { get; } = Pipeline.CreateDefault();

    public IBrowser Browser { get; private set; } = null!;

    public Uri ServiceAddress { get; private set; } = null!;

    private IPlaywright? _playwright;
    private WebApplication? _service;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Artifacts);
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            int code = CliApp.Run(["view", Seeds, "--out", Pages], new CliConsole(TextReader.Null, output, error));
            if (code != 0)
                throw new InvalidOperationException("entitygraph view failed: " + error);
        }
        _service = ExtractService.Build(Pipeline, new ServeOptions { Port = 0 });
        await _service.StartAsync();
        ServiceAddress = new Uri(_service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        string chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"No Chromium at {chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_service is not null)
            await _service.DisposeAsync();
        try
        {
            Directory.Delete(Pages, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A new page that records script errors and dialogs (an alert from the input would be one).</summary>
    public async Task<(IPage Page, List<string> Events)> NewPageAsync(int width = 1280, int height = 900)
    {
        IPage page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var events = new List<string>();
        page.PageError += (_, message) => events.Add("pageerror: " + message);
        page.Dialog += (_, dialog) =>
        {
            events.Add("dialog: " + dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                events.Add("console error: " + message.Text);
        };
        return (page, events);
    }

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EntityGraph.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("EntityGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
