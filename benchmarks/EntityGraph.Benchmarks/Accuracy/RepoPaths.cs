namespace EntityGraph.Benchmarks.Accuracy;

/// <summary>Finds the repository root and the shared data folder (../shared/data beside the clone).</summary>
internal static class RepoPaths
{
    public static string? FindRepoRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EntityGraph.sln")))
                    return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The first <c>shared/data</c> folder found beside the current directory, the repo root or one of their ancestors.</summary>
    public static string? FindSharedData(string? repoRoot)
    {
        var starts = new List<string> { Directory.GetCurrentDirectory() };
        if (repoRoot is not null)
            starts.Add(repoRoot);
        foreach (string start in starts)
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
