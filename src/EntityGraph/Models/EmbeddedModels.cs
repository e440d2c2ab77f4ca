using System.Reflection;

namespace EntityGraph.Models;

/// <summary>The default models compiled into the library as resources (see models/README.md for how each was made).</summary>
internal static class EmbeddedModels
{
    public const string Pos = "pos-en-ewt.egm";
    public const string Ner = "ner-en-conll.egm";
    public const string Lemmas = "lemmas-en-wordnet.egm";

    public static Stream Open(string name)
    {
        Stream? stream = typeof(EmbeddedModels).Assembly.GetManifestResourceStream("EntityGraph.Models." + name);
        return stream ?? throw new InvalidDataException(
            $"Model file '{name}' is not usable: it is not embedded in {typeof(EmbeddedModels).Assembly.GetName().Name} (build with models/{name} present).");
    }

    public static bool Exists(string name) =>
        Array.IndexOf(typeof(EmbeddedModels).Assembly.GetManifestResourceNames(), "EntityGraph.Models." + name) >= 0;

    internal static Assembly Assembly => typeof(EmbeddedModels).Assembly;
}
