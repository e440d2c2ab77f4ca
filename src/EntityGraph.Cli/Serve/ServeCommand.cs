using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace EntityGraph.Cli.Serve;

/// <summary><c>entitygraph serve</c>: the extractor over HTTP, for callers that do not write C#.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new ServeOptions();
        var port = new Option<int>("--port", "-p") { Description = "TCP port (default 5000).", DefaultValueFactory = _ => defaults.Port };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on (default 127.0.0.1: this machine only). Use 0.0.0.0 to serve the network, as in a container.",
            DefaultValueFactory = _ => defaults.Host,
        };
        var maxSize = new Option<int>("--max-size")
        {
            Description = "Largest request body in kilobytes (default 4096); larger requests get 413.",
            DefaultValueFactory = _ => (int)(defaults.MaxRequestBytes / 1024),
        };
        var concurrency = new Option<int>("--max-concurrency")
        {
            Description = "Requests processed at once (default: twice the cores); more get 429 at once.",
            DefaultValueFactory = _ => defaults.MaxConcurrency,
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds a request may take (default 30); a slower one gets 503.",
            DefaultValueFactory = _ => (int)defaults.RequestTimeout.TotalSeconds,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var p and (< 0 or > 65535))
                result.AddError($"--port must be from 0 to 65535 (got {p}).");
        });
        AtLeastOne(maxSize, "kilobytes; ");
        AtLeastOne(concurrency, string.Empty);
        AtLeastOne(timeout, "seconds; ");
        var pipelineOptions = new PipelineOptions();
        var command = new Command("serve", "Serve extraction over HTTP: POST /v1/extract, POST /v1/graph, the viewer at /, /health and /openapi.json. Stops on Ctrl+C or SIGTERM.")
        {
            port, host, maxSize, concurrency, timeout,
        };
        pipelineOptions.AddTo(command);
        command.SetAction(parse =>
        {
            int p = parse.GetValue(port), kb = parse.GetValue(maxSize), n = parse.GetValue(concurrency), seconds = parse.GetValue(timeout);
            Pipeline? pipeline = pipelineOptions.Build(parse, console);
            if (pipeline is null)
                return ExitCodes.UsageOrInputError;
            var options = new ServeOptions
            {
                Host = parse.GetValue(host) ?? defaults.Host,
                Port = p,
                MaxRequestBytes = kb * 1024L,
                MaxConcurrency = n,
                RequestTimeout = TimeSpan.FromSeconds(seconds),
                LogToConsole = true,
            };
            WebApplication app = ExtractService.Build(pipeline, options);
            try
            {
                try
                {
                    app.Start();
                }
                catch (IOException ex)
                {
                    // Kestrel reports a port in use or an address it cannot bind as an IOException.
                    console.Error.WriteLine($"error: cannot listen on {options.Host}:{p}: {ex.Message}");
                    return ExitCodes.UsageOrInputError;
                }
                console.Error.WriteLine($"entitygraph serve: listening on {string.Join(", ", app.Urls)} (Ctrl+C to stop).");
                // Returns on Ctrl+C or SIGTERM, after the requests in flight have been answered.
                app.WaitForShutdown();
                console.Error.WriteLine("entitygraph serve: stopped.");
            }
            finally
            {
                ((IDisposable)app).Dispose();
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void AtLeastOne(Option<int> option, string unit) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() is var n and < 1)
            result.AddError($"{option.Name} must be at least 1 ({unit}got {n}).");
    });
}
