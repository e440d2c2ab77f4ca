namespace EntityGraph;

/// <summary>A problem in a user-edited YAML file (relation schema, alias dictionary), with the place it was found.</summary>
public sealed class YamlFileException : FormatException
{
    /// <summary>Creates the exception; the message reads <c>file:line:column: problem</c>.</summary>
    /// <param name="file">The file (or source name) that holds the problem.</param>
    /// <param name="line">One-based line.</param>
    /// <param name="column">One-based column.</param>
    /// <param name="problem">What is wrong, in words a curator can act on.</param>
    /// <param name="inner">The parser's own exception, if any.</param>
    public YamlFileException(string file, int line, int column, string problem, Exception? inner = null)
        : base($"{file}:{line}:{column}: {problem}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or source name) that holds the problem.</summary>
    public string File { get; }

    /// <summary>One-based line.</summary>
    public int Line { get; }

    /// <summary>One-based column.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
