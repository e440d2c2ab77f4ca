using EntityGraph.Cli;

namespace EntityGraph.Tests.Cli;

/// <summary>Runs the CLI in-process with captured streams.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun WithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, new CliConsole(new StringReader(stdin), output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static CliRun Invoke(params string[] args) => WithInput(string.Empty, args);
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "entitygraph-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string text)
    {
        string path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string File(string name, byte[] bytes)
    {
        string path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
