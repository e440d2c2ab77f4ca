using System.Text;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>The benchmark input: the seed articles concatenated until the text reaches a target size.</summary>
internal static class BenchmarkCorpus
{
    public const int TargetChars = 1 << 20;

    private static readonly Lazy<string> Text = new(Build);

    /// <summary>About 1 MB (2^20 characters) of news text made from the committed seed articles.</summary>
    public static string OneMegabyte => Text.Value;

    public static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EntityGraph.sln")))
            dir = Path.GetDirectoryName(dir);
        // BenchmarkDotNet runs each benchmark from a generated project under bin/; fall back to the working directory.
        dir ??= FindFrom(Directory.GetCurrentDirectory());
        return dir ?? throw new InvalidOperationException("EntityGraph.sln not found: run the benchmarks from inside the repository.");
    }

    private static string? FindFrom(string start)
    {
        string? dir = start;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EntityGraph.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir;
    }

    private static string Build()
    {
        string folder = Path.Combine(RepoRoot(), "benchmarks", "corpus", "seeds");
        string[] files = Directory.GetFiles(folder, "*.txt");
        Array.Sort(files, StringComparer.Ordinal);
        var builder = new StringBuilder(TargetChars + 20_000);
        while (builder.Length < TargetChars)
        {
            foreach (string file in files)
                builder.Append(File.ReadAllText(file)).Append("\n\n");
        }
        return builder.ToString();
    }
}
