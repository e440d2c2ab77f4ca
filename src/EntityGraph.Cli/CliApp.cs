using System.CommandLine;

namespace EntityGraph.Cli;

/// <summary>The standard streams a command uses, so tests can run the CLI in-process.</summary>
/// <param name="In">Standard input as text (used when <paramref name="InputStream"/> is null).</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="InputRedirected">Whether standard input is a file or pipe.</param>
/// <param name="ErrorRedirected">Whether standard error is a file or pipe (no progress bar then).</param>
/// <param name="InputStream">Standard input as bytes, decoded like a file; null to read <paramref name="In"/>.</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool InputRedirected = true, bool ErrorRedirected = true, Stream? InputStream = null);

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
        root.Add(ViewCommand.Create(console));
        root.Add(Serve.ServeCommand.Create(console));
        return root;
    }

    public static int Run(string[] args, CliConsole console)
    {
        RootCommand root = CreateRoot(console);
        ParseResult parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        List<string> errors = [.. parse.Errors.Select(e => e.Message), .. UnknownOptions(parse)];
        if (errors.Count > 0)
        {
            foreach (string error in errors)
                console.Error.WriteLine($"error: {error}");
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

    /// <summary>
    /// Words that look like options but are none of the command's: the parser hands them to a PATH or FILE argument
    /// ("extract a.txt --bogus" would look for a file named --bogus). A lone "-" (standard input), negative numbers
    /// and anything after "--" are arguments.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parse)
    {
        string command = parse.CommandResult.Command.Name;
        foreach (System.CommandLine.Parsing.Token token in parse.Tokens)
        {
            if (token.Type == System.CommandLine.Parsing.TokenType.DoubleDash)
                yield break;
            string value = token.Value;
            if (token.Type != System.CommandLine.Parsing.TokenType.Argument || value.Length < 2 || value[0] != '-'
                || double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                continue;
            }
            if (parse.UnmatchedTokens.Contains(value))
                continue; // the parser reports those itself
            yield return $"unknown option '{value}' for '{command}'. (A file whose name starts with '-': write ./{value}, or put it after '--'.)";
        }
    }
}
