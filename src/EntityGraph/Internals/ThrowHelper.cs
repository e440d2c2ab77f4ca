using System.Diagnostics.CodeAnalysis;

namespace EntityGraph.Internals;

/// <summary>Throw sites kept out of hot methods so that the JIT can inline the callers.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);
}
