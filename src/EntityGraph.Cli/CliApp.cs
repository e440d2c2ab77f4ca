using System.CommandLine;

namespace EntityGraph.Cli;

/// <summary>The standard streams a command uses, so tests can run the CLI in-process.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool InputRedirected = true, bool ErrorRedirected = true);

/// <summary>Exit codes of the <c>entitygraph</c> tool.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Some inputs failed; the others were processed.</summary>
    public const int PartialFailure = 1;
    /// <summary>Bad usage or unusable input: nothing was processed.</summary>
    public const int UsageOrInputError = 2;
}

/// <summary>Builds the command tree and runs it.</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot(CliConsole console)
    {
        var root = new RootCommand(
            "EntityGraph: entities and relations from English news.\n" +
            "Start with: entitygraph extract article.txt --format json");
        root.Add(ExtractCommand.Create(console));
        root.Add(EvaluateCommand.Create(console));
        root.Add(TrainCommand.Create(console));
        root.Add(AliasesCommand.Create(console));
        root.Add(GraphCommand.Create(console));
        return root;
    }

    public static int Run(string[] args, CliConsole console)
    {
        RootCommand root = CreateRoot(console);
        ParseResult parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                console.Error.WriteLine($"error: {error.Message}");
            console.Error.WriteLine("Run 'entitygraph --help' (or 'entitygraph COMMAND --help') for usage.");
            return ExitCodes.UsageOrInputError;
        }
        try
        {
            return parse.Invoke(config);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled.");
            return ExitCodes.PartialFailure;
        }
#pragma warning disable CA1031 // The tool's last line of defence: a message, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            console.Error.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            console.Error.WriteLine("This is a bug in entitygraph; please report it with the input that caused it.");
            return ExitCodes.PartialFailure;
        }
    }
}
