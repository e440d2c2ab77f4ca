using System.CommandLine;

namespace EntityGraph.Cli;

/// <summary><c>entitygraph extract PATH...</c>.</summary>
internal static class ExtractCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("extract", "Extract entities and relations from articles.");
        command.SetAction(_ => ExitCodes.Ok);
        return command;
    }
}
