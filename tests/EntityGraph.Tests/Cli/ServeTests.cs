using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EntityGraph.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EntityGraph.Tests.Cli;

/// <summary>The service on 127.0.0.1 and a free port, called over real HTTP (no test host).</summary>
public sealed class ServeTests : IAsyncLifetime
{
    private const string Article = "Islamic State fighters captured Tal Afar, officials in Baghdad said. John Kerry met Iranian officials in Vienna.";
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        (_app, _client) = await StartAsync(new ServeOptions { Port = 0, MaxRequestBytes = 256 * 1024, MaxConcurrency = 2 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    internal static async Task<(WebApplication App, HttpClient Client)> StartAsync(ServeOptions options)
    {
        WebApplication app = ExtractService.Build(SharedPipeline.Instance, options);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(120) });
    }

    [Fact]
    public async Task Extract_PlainText_ReturnsTheDocumentJson()
    {
        using var content = new StringContent(Article, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _client.PostAsync("/v1/extract", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("entitygraph/document@1", json.RootElement.GetProperty("schema").GetString());
        JsonElement[] mentions = [.. json.RootElement.GetProperty("mentions").EnumerateArray()];
        Assert.Contains(mentions, m => m.GetProperty("text").GetString() == "Tal Afar");
        Assert.All(mentions, m => Assert.Equal(m.GetProperty("text").GetString(), Article[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()]));
        Assert.Contains(json.RootElement.GetProperty("relations").EnumerateArray(), r => r.GetProperty("type").GetString() == "captured");
    }

    [Fact]
    public async Task Extract_Json_UsesTheGivenId()
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { id = "story-7", text = Article }), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _client.PostAsync("/v1/extract", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("story-7", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Graph_Batch_MergesTheDocuments()
    {
        string body = JsonSerializer.Serialize(new { documents = new[] { new { id = "a", text = Article }, new { id = "b", text = "Iran sent troops to Baghdad, officials said." } } });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _client.PostAsync("/v1/graph", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("entitygraph.graph/1", json.RootElement.GetProperty("schema").GetString());
        JsonElement baghdad = json.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "Baghdad");
        Assert.Equal(["a", "b"], baghdad.GetProperty("documents").EnumerateArray().Select(d => d.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("text/plain", "", 400, "Empty body")]
    [InlineData("text/plain", "   \n\t ", 400, "Empty article")]
    [InlineData("application/json", "{\"text\": \"Iran\"", 400, "Malformed JSON")]
    [InlineData("application/json", "{\"id\": \"x\"}", 400, "Bad article")]
    [InlineData("application/json", "[1, 2]", 400, "Bad article")]
    [InlineData("application/xml", "<a/>", 415, "Unsupported content type")]
    [InlineData("text/plain; charset=iso-8859-1", "Iran", 415, "Unsupported charset")]
    public async Task Extract_BadInput_AnswersAProblem(string contentType, string body, int status, string title)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using HttpResponseMessage response = await _client.PostAsync("/v1/extract", content);
        await AssertProblemAsync(response, status, title);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Extract_NoContentType_Is415()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Article));
        using HttpResponseMessage response = await _client.PostAsync("/v1/extract", content);
        await AssertProblemAsync(response, 415, "Content type required");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task Extract_InvalidUtf8_Is400WithTheOffset(string contentType)
    {
        byte[] body = contentType == "text/plain" ? [.. "Caf"u8, 0xE9, .. " in Baghdad."u8] : [.. "{\"text\": \"Caf"u8, 0xE9, .. "\"}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using HttpResponseMessage response = await _client.PostAsync("/v1/extract", content);
        string detail = await AssertProblemAsync(response, 400, "Invalid UTF-8");
        Assert.Contains(contentType == "text/plain" ? "offset 3" : "offset 13", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_FiftyMegabytes_Is413AndTheServiceKeepsServing()
    {
        byte[] huge = new byte[50 * 1024 * 1024];
        // A client that asks first (Expect: 100-continue, as curl does for large bodies) gets the 413 before it sends anything.
        using (var content = new ByteArrayContent(huge))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = content };
            request.Headers.ExpectContinue = true;
            using HttpResponseMessage response = await _client.SendAsync(request);
            await AssertProblemAsync(response, 413, "Request too large");
        }
        // One that just sends gets the 413 too, or sees the connection closed while it is still sending (the service
        // answers from the declared length and does not read 50 MB it will refuse); either way the service goes on.
        using (var content = new ByteArrayContent(huge))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            try
            {
                using HttpResponseMessage response = await _client.PostAsync("/v1/extract", content);
                await AssertProblemAsync(response, 413, "Request too large");
            }
            catch (HttpRequestException)
            {
            }
        }
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Extract_ChunkedBodyOverTheLimit_Is413()
    {
        // No Content-Length: the limit is counted while reading.
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 300 * 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await _client.SendAsync(request);
        await AssertProblemAsync(response, 413, "Request too large");
    }

    [Fact]
    public async Task Extract_ThousandParallelRequests_AreAnsweredOr429AndTheServiceKeepsServing()
    {
        string text = File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "000_02c660931d4fc233.txt"));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000 };
        using var client = new HttpClient(handler) { BaseAddress = _client.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        async Task<(HttpStatusCode Status, string Type, string Body)> SendAsync()
        {
            using var content = new StringContent(text, Encoding.UTF8, "text/plain");
            using HttpResponseMessage response = await client.PostAsync("/v1/extract", content);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync());
        }
        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(SendAsync)));
        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{r.Status}: {r.Body}"));
        Assert.Contains(results, r => r.Status == HttpStatusCode.OK);
        Assert.Contains(results, r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.All(results.Where(r => r.Status == HttpStatusCode.TooManyRequests), r => Assert.Equal("application/problem+json", r.Type));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Extract_OverTheTimeLimit_Is503()
    {
        (WebApplication app, HttpClient client) = await StartAsync(new ServeOptions { Port = 0, RequestTimeout = TimeSpan.FromMilliseconds(1) });
        await using (app)
        using (client)
        {
            string text = string.Concat(Enumerable.Repeat(File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "001_eebee293d901455e.txt")), 10));
            using var content = new StringContent(text, Encoding.UTF8, "text/plain");
            using HttpResponseMessage response = await client.PostAsync("/v1/extract", content);
            await AssertProblemAsync(response, 503, "Timed out");
        }
    }

    [Fact]
    public async Task Graph_PlainText_Is415()
    {
        using var content = new StringContent(Article, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _client.PostAsync("/v1/graph", content);
        await AssertProblemAsync(response, 415, "JSON expected");
    }

    [Fact]
    public async Task Graph_DuplicateIds_Is400()
    {
        using var content = new StringContent("{\"documents\": [{\"id\": \"a\", \"text\": \"Iran\"}, {\"id\": \"a\", \"text\": \"Iraq\"}]}", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _client.PostAsync("/v1/graph", content);
        await AssertProblemAsync(response, 400, "Duplicate id");
    }

    [Fact]
    public async Task UnknownPath_Is404Problem()
    {
        using HttpResponseMessage response = await _client.GetAsync("/v2/nothing");
        await AssertProblemAsync(response, 404, "Not found");
    }

    [Fact]
    public async Task Root_Health_OpenApi_AreServed()
    {
        using HttpResponseMessage page = await _client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"mode\":\"live\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertStillServingAsync();
        using JsonDocument api = JsonDocument.Parse(await _client.GetStringAsync("/openapi.json"));
        Assert.Equal("3.1.0", api.RootElement.GetProperty("openapi").GetString());
        Assert.True(api.RootElement.GetProperty("paths").TryGetProperty("/v1/extract", out _));
        Assert.True(api.RootElement.GetProperty("paths").TryGetProperty("/v1/graph", out _));
    }

    [Fact]
    public async Task Stop_WaitsForTheRequestInFlight()
    {
        (WebApplication app, HttpClient client) = await StartAsync(new ServeOptions { Port = 0 });
        using (client)
        {
            string text = string.Concat(Enumerable.Repeat(File.ReadAllText(Path.Combine(TestHelpers.SeedCorpus, "001_eebee293d901455e.txt")), 10));
            using var content = new StringContent(text, Encoding.UTF8, "text/plain");
            Task<HttpResponseMessage> pending = client.PostAsync("/v1/extract", content);
            await Task.Delay(200);
            await app.StopAsync();
            using HttpResponseMessage response = await pending;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be from 0 to 65535")]
    [InlineData("--max-concurrency", "0", "--max-concurrency must be at least 1")]
    [InlineData("--timeout", "0", "--timeout must be at least 1")]
    public void ServeCommand_BadOption_ExitTwo(string option, string value, string message)
    {
        CliRun run = CliRun.Invoke("serve", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private async Task AssertStillServingAsync()
    {
        Assert.Equal("{\"status\":\"ok\"}", await _client.GetStringAsync("/health"));
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, int status, string title)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal(title, json.RootElement.GetProperty("title").GetString());
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
        string detail = json.RootElement.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail;
    }
}
