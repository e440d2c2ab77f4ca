namespace EntityGraph.Cli;

/// <summary>Entry point of the <c>entitygraph</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args) =>
        CliApp.Run(args, new CliConsole(Console.In, Console.Out, Console.Error, Console.IsInputRedirected, Console.IsErrorRedirected, Console.OpenStandardInput()));
}
