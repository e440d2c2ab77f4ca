namespace EntityGraph.Evaluation;

/// <summary>How bad a problem found while reading an annotated corpus is.</summary>
public enum ProblemSeverity
{
    /// <summary>Something was ignored on purpose (for example brat attribute lines); the document is still scored.</summary>
    Note,
    /// <summary>The input is wrong; the document that holds it is skipped.</summary>
    Error,
}

/// <summary>A problem in an annotation or corpus file, with the place it was found.</summary>
/// <param name="File">The file's path as given to the reader.</param>
/// <param name="Line">1-based line number, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">1-based column, or 0 when no single column is to blame.</param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
/// <param name="Severity">Whether the document was skipped because of it.</param>
public sealed record EvaluationProblem(string File, int Line, int Column, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    /// <summary>The problem as <c>file:line:column: message</c> (the compiler convention editors jump to).</summary>
    public override string ToString()
    {
        string place = Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
        return Severity == ProblemSeverity.Note ? $"{place}: note: {Message}" : $"{place}: error: {Message}";
    }
}
