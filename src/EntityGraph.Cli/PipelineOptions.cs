using System.CommandLine;
using System.CommandLine.Parsing;
using EntityGraph.Aliases;
using EntityGraph.Entities;
using EntityGraph.Relations;
using EntityGraph.Tagging;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EntityGraph.Cli;

/// <summary>
/// The options that configure the pipeline (<c>--config</c>, <c>--aliases</c>, <c>--relations</c> and the model files),
/// shared by every command that builds one, and the one place that builds it.
/// </summary>
internal sealed class PipelineOptions
{
    public Option<string?> Config { get; } = ExistingFile(new Option<string?>("--config")
    {
        Description = "A YAML file that names alias files, relation files and model files (aliases: [...], relations: [...], models: {ner, pos, lemmatizer, parser}); its paths are relative to its folder. Options on the command line add files to it and override its models.",
    });

    public Option<string[]> Aliases { get; } = ExistingFiles(new Option<string[]>("--aliases")
    {
        Description = "Alias dictionary file (YAML, models/aliases/README.md) loaded on top of the embedded dictionaries; its force: true entries are always tagged. Repeat for more files.",
    });

    public Option<string[]> Relations { get; } = ExistingFiles(new Option<string[]>("--relations")
    {
        Description = "Relation schema file (YAML, models/relations/README.md) loaded on top of the default schema. Repeat for more files.",
    });

    public Option<string?> NerModel { get; } = ExistingFile(new Option<string?>("--ner-model") { Description = "Named-entity recognizer model file (.egm) to use instead of the embedded one." });

    public Option<string?> PosModel { get; } = ExistingFile(new Option<string?>("--pos-model") { Description = "Part-of-speech tagger model file (.egm) to use instead of the embedded one." });

    public Option<string?> Lemmatizer { get; } = ExistingFile(new Option<string?>("--lemmatizer") { Description = "Lemmatizer data file (.egm) to use instead of the embedded one." });

    public Option<string?> ParserModel { get; } = ExistingFile(new Option<string?>("--parser-model") { Description = "Dependency parser model file (.egm) to use instead of the embedded one." });

    public IEnumerable<Option> All => [Config, Aliases, Relations, NerModel, PosModel, Lemmatizer, ParserModel];

    public void AddTo(Command command)
    {
        foreach (Option option in All)
            command.Add(option);
    }

    /// <summary>The pipeline the options describe, or null after printing why it cannot be built.</summary>
    public Pipeline? Build(ParseResult parse, CliConsole console)
    {
        try
        {
            PipelineConfig config = parse.GetValue(Config) is { } path ? PipelineConfig.Load(path) : new PipelineConfig();
            config = config with
            {
                AliasFiles = [.. config.AliasFiles, .. parse.GetValue(Aliases) ?? []],
                RelationFiles = [.. config.RelationFiles, .. parse.GetValue(Relations) ?? []],
                NerModel = parse.GetValue(NerModel) ?? config.NerModel,
                PosModel = parse.GetValue(PosModel) ?? config.PosModel,
                Lemmatizer = parse.GetValue(Lemmatizer) ?? config.Lemmatizer,
                ParserModel = parse.GetValue(ParserModel) ?? config.ParserModel,
            };
            return config.CreatePipeline();
        }
        catch (Exception ex) when (ex is YamlFileException or InvalidDataException)
        {
            // YamlFileException reads FILE:LINE:COLUMN: problem; a model's InvalidDataException names its file.
            console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read: {ex.Message}");
            return null;
        }
    }

    private static Option<string?> ExistingFile(Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } file)
                CheckExists(result, file);
        });
        return option;
    }

    private static Option<string[]> ExistingFiles(Option<string[]> option)
    {
        option.Validators.Add(result =>
        {
            foreach (string file in result.GetValueOrDefault<string[]>() ?? [])
                CheckExists(result, file);
        });
        return option;
    }

    private static void CheckExists(OptionResult result, string file)
    {
        if (!File.Exists(file))
            result.AddError($"{file}: no such file ({result.Option.Name}).");
    }
}

/// <summary>
/// What configures a pipeline: the user's alias and relation files and the model files that replace embedded ones.
/// Read from a <c>--config</c> YAML file, then completed from the command line.
/// </summary>
internal sealed record PipelineConfig
{
    private static readonly string[] Keys = ["aliases", "relations", "models"];
    private static readonly string[] ModelKeys = ["ner", "pos", "lemmatizer", "parser"];

    public IReadOnlyList<string> AliasFiles { get; init; } = [];

    public IReadOnlyList<string> RelationFiles { get; init; } = [];

    public string? NerModel { get; init; }

    public string? PosModel { get; init; }

    public string? Lemmatizer { get; init; }

    public string? ParserModel { get; init; }

    /// <summary>The default pipeline with what this configuration replaces or adds.</summary>
    /// <exception cref="YamlFileException">An alias or relation file is not valid (FILE:LINE:COLUMN in the message).</exception>
    /// <exception cref="InvalidDataException">A model file is not a model of its kind.</exception>
    public Pipeline CreatePipeline()
    {
        var builder = new PipelineBuilder().UseDefaults();
        // Each UseXxx below replaces the default stage of its kind in its place (PipelineBuilder's rule for defaults).
        if (PosModel is not null)
            builder.UsePartOfSpeech(PosTaggerModel.Load(PosModel));
        if (Lemmatizer is not null)
            builder.UseLemmatizer(Tagging.Lemmatizer.Load(Lemmatizer));
        if (NerModel is not null)
        {
            // The default forcer: Build swaps it for one over the user's dictionary, as for the embedded recognizer.
            builder.UseEntityRecognizer(EntityRecognizerModel.Load(NerModel), AliasForcer.Default);
        }
        if (ParserModel is not null)
            builder.UseDependencyParser(ParserModel);
        if (AliasFiles.Count > 0)
            builder.UseAliasResolver(new AliasResolverOptions { Dictionary = AliasDictionary.LoadDefault(AliasFiles) });
        if (RelationFiles.Count > 0)
            builder.UseRelationExtractor(RelationSchema.Load(RelationFiles));
        return builder.Build();
    }

    /// <summary>Reads a configuration file; its relative paths are taken from the file's folder.</summary>
    /// <exception cref="YamlFileException">The file is not valid YAML, has an unknown key or names a missing file.</exception>
    public static PipelineConfig Load(string path)
    {
        var yaml = new YamlStream();
        try
        {
            using StreamReader reader = File.OpenText(path);
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            throw Error(path, ex.Start, $"invalid YAML: {ex.Message}", ex);
        }
        if (yaml.Documents.Count > 1)
            throw Error(path, yaml.Documents[1].RootNode.Start, "one YAML document per file.");
        var config = new PipelineConfig();
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return config;
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw Error(path, yaml.Documents[0].RootNode.Start, "a configuration is a mapping with the keys aliases, relations and models.");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach ((YamlNode keyNode, YamlNode value) in root.Children)
        {
            string key = Key(path, keyNode, Keys, "the configuration");
            if (key == "models")
            {
                if (value is not YamlMappingNode models)
                    throw Error(path, value.Start, "'models' must be a mapping (ner, pos, lemmatizer, parser: FILE).");
                foreach ((YamlNode modelKey, YamlNode file) in models.Children)
                {
                    string kind = Key(path, modelKey, ModelKeys, "'models'");
                    string model = FileAt(path, folder, file, kind);
                    config = kind switch
                    {
                        "ner" => config with { NerModel = model },
                        "pos" => config with { PosModel = model },
                        "lemmatizer" => config with { Lemmatizer = model },
                        _ => config with { ParserModel = model },
                    };
                }
                continue;
            }
            // A single file or a list of files.
            List<string> files = value is YamlSequenceNode list
                ? [.. list.Children.Select(item => FileAt(path, folder, item, key))]
                : [FileAt(path, folder, value, key)];
            config = key == "aliases" ? config with { AliasFiles = files } : config with { RelationFiles = files };
        }
        return config;
    }

    private static string Key(string path, YamlNode node, string[] allowed, string where)
    {
        string? key = (node as YamlScalarNode)?.Value;
        if (key is null || !allowed.Contains(key, StringComparer.Ordinal))
            throw Error(path, node.Start, $"unknown key '{key ?? node.ToString()}' in {where} (allowed: {string.Join(", ", allowed)}).");
        return key;
    }

    private static string FileAt(string path, string folder, YamlNode node, string what)
    {
        if (node is not YamlScalarNode { Value: { Length: > 0 } value })
            throw Error(path, node.Start, $"'{what}' takes a file name or a list of file names.");
        string file = Path.GetFullPath(Path.Combine(folder, value));
        if (!File.Exists(file))
            throw Error(path, node.Start, $"no such file '{value}' ({what}; looked for {file}).");
        return file;
    }

    private static YamlFileException Error(string path, Mark mark, string problem, Exception? inner = null) =>
        new(path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), problem, inner);
}
