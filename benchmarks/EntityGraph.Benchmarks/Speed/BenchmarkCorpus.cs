using System.Text;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>The benchmark input: the seed articles concatenated until the text reaches a target size.</summary>
internal static class BenchmarkCorpus
{
    public const int TargetChars = 1 << 20;

    private static readonly Lazy<string> Text = new(Build);
    private static readonly Lazy<string[]> ArticleList = new(BuildArticles);

    /// <summary>About 1 MB (2^20 characters) of news text made from the committed seed articles.</summary>
    public static string OneMegabyte => Text.Value;

    /// <summary>The same text as <see cref="OneMegabyte"/>, one string per article (the seed files in turn).</summary>
    public static string[] Articles => ArticleList.Value;

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

    private static string[] BuildArticles()
    {
        var articles = new List<string>();
        int length = 0;
        string[] files = SeedFiles();
        while (length < TargetChars)
        {
            foreach (string file in files)
            {
                string text = File.ReadAllText(file);
                articles.Add(text);
                length += text.Length + 2;
            }
        }
        return [.. articles];
    }

    private static string[] SeedFiles()
    {
        string[] files = Directory.GetFiles(Path.Combine(RepoRoot(), "benchmarks", "corpus", "seeds"), "*.txt");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The seed articles concatenated (a blank line apart) until the text reaches <paramref name="targetChars"/>.</summary>
    public static string SeedText(int targetChars)
    {
        string[] files = SeedFiles();
        var builder = new StringBuilder(targetChars + 40_000);
        while (builder.Length < targetChars)
        {
            foreach (string file in files)
                builder.Append(File.ReadAllText(file)).Append("\n\n");
        }
        return builder.ToString();
    }

    private static string Build()
    {
        string[] files = SeedFiles();
        var builder = new StringBuilder(TargetChars + 20_000);
        while (builder.Length < TargetChars)
        {
            foreach (string file in files)
                builder.Append(File.ReadAllText(file)).Append("\n\n");
        }
        return builder.ToString();
    }
}
