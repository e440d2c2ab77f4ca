namespace EntityGraph;

/// <summary>A problem in a user-edited YAML file (relation schema, alias dictionary), with the place it was found.</summary>
public class YamlFileException : FormatException
{
    /// <summary>Creates the exception; the message reads <c>file:line:column: problem</c>.</summary>
    /// <param name="file">The file (or source name) that holds the problem.</param>
    /// <param name="line">One-based line.</param>
    /// <param name="column">One-based column.</param>
    /// <param name="problem">What is wrong, in words a curator can act on.</param>
    /// <param name="inner">The parser's own exception, if any.</param>
    public YamlFileException(string file, int line, int column, string problem, Exception? inner = null)
        : this(file, line, column, problem, $"{file}:{line}:{column}: {problem}", inner)
    {
    }

    /// <summary>Creates the exception with a message of the caller's own (for errors without a position).</summary>
    /// <param name="file">The file (or source name), or empty.</param>
    /// <param name="line">One-based line, or 0.</param>
    /// <param name="column">One-based column, or 0.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="message">The full message.</param>
    /// <param name="inner">The parser's own exception, if any.</param>
    protected YamlFileException(string file, int line, int column, string problem, string message, Exception? inner)
        : base(message, inner)
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
