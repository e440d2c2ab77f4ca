using System.Diagnostics;

namespace EntityGraph.Tests.Cli;

/// <summary>Starts the entitygraph tool (the built EntityGraph.Cli.dll beside the tests) as a separate process.</summary>
internal static class ChildProcess
{
    public static Process Start(string workingDirectory, params string[] args)
    {
        string dll = typeof(EntityGraph.Cli.CliApp).Assembly.Location;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the entitygraph process");
    }

    /// <summary>Runs to the end and returns the exit code and standard error.</summary>
    public static (int Code, string Error) Run(Process process, TimeSpan limit)
    {
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the entitygraph process did not finish in time");
        }
        output.Wait();
        return (process.ExitCode, error.Result);
    }
}
