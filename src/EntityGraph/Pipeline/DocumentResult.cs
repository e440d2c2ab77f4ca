using System.Diagnostics.CodeAnalysis;

namespace EntityGraph;

/// <summary>
/// One input's outcome in <see cref="Pipeline.ProcessMany{TInput}(IEnumerable{TInput}, Func{TInput, Document}, int, CancellationToken)"/>:
/// its annotated document, or the exception that stopped it. A batch goes on past a failed input, so a caller can
/// report each failure beside the input that caused it.
/// </summary>
/// <typeparam name="TInput">What the caller passed in for this document (a path, a record, an id).</typeparam>
public sealed class DocumentResult<TInput>
{
    internal DocumentResult(TInput input, Document? document, Exception? error)
    {
        Input = input;
        Document = document;
        Error = error;
    }

    /// <summary>The input this result is for, as the caller gave it.</summary>
    public TInput Input { get; }

    /// <summary>The annotated document; null when <see cref="Error"/> is set.</summary>
    public Document? Document { get; }

    /// <summary>Why there is no document (thrown while loading the input or by a stage); null on success.</summary>
    public Exception? Error { get; }

    /// <summary>Whether the input gave a document.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;
}
