using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EntityGraph.Cli.View;
using EntityGraph.Graphs;
using EntityGraph.Output;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EntityGraph.Cli.Serve;

/// <summary>
/// The HTTP service (ASP.NET Core minimal API): <c>POST /v1/extract</c>, <c>POST /v1/graph</c>, the viewer at <c>/</c>,
/// <c>/health</c> and <c>/openapi.json</c>. One pipeline serves every request (it is immutable and thread-safe).
/// </summary>
/// <remarks>
/// Every refusal is a problem body (RFC 9457, <c>application/problem+json</c>) with a message that says what to change;
/// an unexpected failure is a 500 with no exception text, never a stack trace. The checks run cheapest first: content
/// type (415), declared size (413), a free slot (429), then reading the body under the size limit and the time limit.
/// </remarks>
internal sealed class ExtractService
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Pipeline _pipeline;
    private readonly ServeOptions _options;
    private readonly SemaphoreSlim _slots;

    private ExtractService(Pipeline pipeline, ServeOptions options)
    {
        _pipeline = pipeline;
        _options = options;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    /// <summary>Builds the application, bound to <see cref="ServeOptions.Host"/> and <see cref="ServeOptions.Port"/>; the caller runs or starts it.</summary>
    public static WebApplication Build(Pipeline pipeline, ServeOptions options)
    {
        // Production whatever the environment says: the developer exception page would show stack traces.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // A little above our own limit, which answers first with a clear message; Kestrel's is the backstop.
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes + 1;
        });
        // Requests in flight get the time they were promised before the process exits on Ctrl+C or SIGTERM.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.RequestTimeout + TimeSpan.FromSeconds(5));
        builder.Services.AddProblemDetails();
        WebApplication app = builder.Build();
        string host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
        app.Urls.Add($"http://{host}:{options.Port.ToString(CultureInfo.InvariantCulture)}");

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => Problem(StatusCodes.Status500InternalServerError, "Internal error",
                "The request failed inside the service. This is a bug in entitygraph; please report it with the input.").ExecuteAsync(context),
        });
        app.UseStatusCodePages(context => Problem(context.HttpContext.Response.StatusCode,
            ReasonPhrase(context.HttpContext.Response.StatusCode),
            $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path} is not served here; see /openapi.json.").ExecuteAsync(context.HttpContext));
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });

        var service = new ExtractService(pipeline, options);
        app.MapGet("/", () => Results.Content(HtmlView.LivePage(), "text/html; charset=utf-8"));
        app.MapGet("/health", () => Results.Text("{\"status\":\"ok\"}", "application/json; charset=utf-8"));
        app.MapGet("/openapi.json", () => Results.Text(OpenApi.Value, "application/json; charset=utf-8"));
        app.MapPost("/v1/extract", context => RespondAsync(context, service.ExtractAsync));
        app.MapPost("/v1/graph", context => RespondAsync(context, service.GraphAsync));
        return app;
    }

    private static async Task RespondAsync(HttpContext context, Func<HttpContext, Task<IResult>> handler)
    {
        IResult result = await handler(context).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static readonly Lazy<string> OpenApi = new(() =>
    {
        using Stream stream = typeof(ExtractService).Assembly.GetManifestResourceStream("EntityGraph.Cli.Serve.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI description is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private Task<IResult> ExtractAsync(HttpContext context) => WithinLimitsAsync(context, jsonOnly: false, (body, isJson, token) =>
    {
        (string? id, string? text, IResult? error) = isJson ? ReadArticle(body) : (null, body, null);
        if (error is not null)
            return error;
        if (string.IsNullOrWhiteSpace(text))
            return Problem(400, "Empty article", "The article text is empty or only whitespace: send the text as text/plain, or JSON {\"id\": \"...\", \"text\": \"...\"}.");
        Document document = _pipeline.Process(text, string.IsNullOrEmpty(id) ? "document" : id, token);
        using var buffer = new MemoryStream();
        DocumentJson.Write(document, buffer, new DocumentJsonOptions { Indented = false });
        return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    });

    private Task<IResult> GraphAsync(HttpContext context) => WithinLimitsAsync(context, jsonOnly: true, (body, _, token) =>
    {
        List<(string Id, string Text)> documents;
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            JsonElement list = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("documents", out JsonElement d) ? d : json.RootElement;
            if (list.ValueKind != JsonValueKind.Array)
                return Problem(400, "Bad batch", "Expected {\"documents\": [{\"id\": \"...\", \"text\": \"...\"}, ...]}.");
            if (list.GetArrayLength() == 0)
                return Problem(400, "Empty batch", "The batch holds no documents.");
            if (list.GetArrayLength() > _options.MaxBatchDocuments)
                return Problem(413, "Batch too large", $"The batch holds {list.GetArrayLength()} documents; the limit is {_options.MaxBatchDocuments}. Split it.");
            documents = new List<(string, string)>(list.GetArrayLength());
            var ids = new HashSet<string>(StringComparer.Ordinal);
            int n = 0;
            foreach (JsonElement item in list.EnumerateArray())
            {
                n++;
                (string? id, string? text, IResult? error) = ReadArticle(item, $"documents[{n - 1}]");
                if (error is not null)
                    return error;
                id = string.IsNullOrEmpty(id) ? "doc" + n.ToString(CultureInfo.InvariantCulture) : id;
                if (!ids.Add(id))
                    return Problem(400, "Duplicate id", $"documents[{n - 1}]: another document has the id '{id}'; give each a distinct id.");
                documents.Add((id, text ?? string.Empty));
            }
        }
        catch (JsonException ex)
        {
            return BadJson(ex);
        }
        var graph = new KnowledgeGraph();
        foreach ((string id, string text) in documents)
            graph.Add(_pipeline.Process(text, id, token));
        using var buffer = new MemoryStream();
        graph.WriteJson(buffer, indented: false);
        return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    });

    /// <summary>The checks every POST shares, then <paramref name="handle"/> with the decoded body inside a slot and the time limit.</summary>
    private async Task<IResult> WithinLimitsAsync(HttpContext context, bool jsonOnly, Func<string, bool, CancellationToken, IResult> handle)
    {
        HttpRequest request = context.Request;
        bool isJson;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type) || type.MediaType is null)
            return Problem(415, "Content type required", "Send the article as text/plain; charset=utf-8, or application/json.");
        if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            isJson = true;
        else if (type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            isJson = false;
        else
            return Problem(415, "Unsupported content type", $"'{type.MediaType}' is not accepted: send text/plain; charset=utf-8, or application/json.");
        if (jsonOnly && !isJson)
            return Problem(415, "JSON expected", $"{request.Path} takes application/json: {{\"documents\": [{{\"id\": \"...\", \"text\": \"...\"}}, ...]}}.");
        string? charset = type.CharSet?.Trim('"');
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return Problem(415, "Unsupported charset", $"charset={charset} is not accepted: send UTF-8.");
        if (request.ContentLength > _options.MaxRequestBytes)
            return TooLarge(request.ContentLength);

        if (!_slots.Wait(0))
        {
            context.Response.Headers.RetryAfter = "1";
            return Problem(429, "Too many requests", $"The service is already processing {_options.MaxConcurrency} requests; retry in a moment.");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                byte[]? bytes = await ReadBodyAsync(request, _options.MaxRequestBytes, timeout.Token).ConfigureAwait(false);
                if (bytes is null)
                    return TooLarge(null);
                if (bytes.Length == 0)
                    return Problem(400, "Empty body", "The request has no body: send the article as text/plain, or JSON {\"id\": \"...\", \"text\": \"...\"}.");
                string body;
                try
                {
                    body = StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException ex)
                {
                    return Problem(400, "Invalid UTF-8", $"The body is not valid UTF-8 (first bad byte at offset {ex.Index.ToString(CultureInfo.InvariantCulture)}). Send UTF-8 text.");
                }
                if (body.Length > 0 && body[0] == '\uFEFF')
                    body = body[1..];
                return handle(body, isJson, timeout.Token);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                return Problem(503, "Timed out", $"The request took longer than the service's limit of {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; send a shorter text or a smaller batch.");
            }
            catch (BadHttpRequestException ex)
            {
                // Kestrel's own limits and a client that sends a broken body (a chunked body cut short, a body larger than declared).
                return ex.StatusCode == 413 ? TooLarge(null) : Problem(ex.StatusCode, "Bad request", "The request body could not be read.");
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The body, or null as soon as it grows past <paramref name="limit"/> (the rest is never buffered).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static (string? Id, string? Text, IResult? Error) ReadArticle(string body)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            return ReadArticle(json.RootElement, "the body");
        }
        catch (JsonException ex)
        {
            return (null, null, BadJson(ex));
        }
    }

    private static (string? Id, string? Text, IResult? Error) ReadArticle(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return (null, null, Problem(400, "Bad article", $"{where}: expected an object {{\"id\": \"...\", \"text\": \"...\"}}."));
        if (!element.TryGetProperty("text", out JsonElement text) || text.ValueKind != JsonValueKind.String)
            return (null, null, Problem(400, "Bad article", $"{where}: \"text\" must be a string holding the article."));
        string? id = null;
        if (element.TryGetProperty("id", out JsonElement idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return (null, null, Problem(400, "Bad article", $"{where}: \"id\" must be a string."));
            id = idElement.GetString();
        }
        return (id, text.GetString(), null);
    }

    private static IResult BadJson(JsonException ex) => Problem(400, "Malformed JSON",
        $"The body is not valid JSON (line {((ex.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}, byte {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)} of the line).");

    private IResult TooLarge(long? length) => Problem(413, "Request too large", length is { } n
        ? $"The body is {n.ToString(CultureInfo.InvariantCulture)} bytes; the limit is {_options.MaxRequestBytes.ToString(CultureInfo.InvariantCulture)}. Split the text or the batch."
        : $"The body is larger than the limit of {_options.MaxRequestBytes.ToString(CultureInfo.InvariantCulture)} bytes. Split the text or the batch.");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    private static string ReasonPhrase(int status) => status switch
    {
        404 => "Not found",
        405 => "Method not allowed",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}
