using EntityGraph.Aliases;

// entitygraph-alias-compiler OUTPUT_DIR FILE.yaml...: writes OUTPUT_DIR/FILE.bin for each dictionary. A malformed file
// fails the build with its file, line and column, as the library would report it at run time.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: EntityGraph.AliasCompiler OUTPUT_DIR FILE.yaml...");
    return 2;
}
Directory.CreateDirectory(args[0]);
foreach (string path in args[1..])
{
    string name = Path.GetFileName(path);
    List<AliasEntry> entries;
    try
    {
        using var reader = new StreamReader(path);
        // The same source name the library gives an embedded file, so entries read back are the same.
        entries = AliasDictionaryReader.Read(reader, name);
    }
    catch (AliasDictionaryException ex)
    {
        Console.Error.WriteLine($"{Path.GetFullPath(path)}({ex.Line},{ex.Column}): error EGA001: {ex.Problem}");
        return 1;
    }
    string output = Path.Combine(args[0], Path.GetFileNameWithoutExtension(path) + ".bin");
    using (FileStream stream = File.Create(output))
        AliasDictionaryBinary.Write(entries, stream);
    Console.WriteLine($"{name}: {entries.Count} entries -> {output}");
}
return 0;
