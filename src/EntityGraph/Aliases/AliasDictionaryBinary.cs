using System.Text;

namespace EntityGraph.Aliases;

/// <summary>
/// The compact binary form of one alias dictionary file: the entries <see cref="AliasDictionaryReader"/> reads from its
/// YAML, field for field. The build makes one per default dictionary (tools/EntityGraph.AliasCompiler) and embeds it
/// beside the YAML, which stays the source that curators edit: parsing 1.5 MB of YAML was about a quarter of the
/// command-line tool's start-up. A user's own YAML files are read as YAML.
/// </summary>
internal static class AliasDictionaryBinary
{
    private static ReadOnlySpan<byte> Magic => "EGAL"u8;

    private const int Version = 1;

    /// <summary>Writes <paramref name="entries"/> (one file's, in file order).</summary>
    public static void Write(IReadOnlyList<AliasEntry> entries, Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(entries.Count);
        foreach (AliasEntry e in entries)
        {
            w.Write(e.Id);
            w.Write(e.Name);
            w.Write(e.Type);
            w.Write(e.Source);
            w.Write(e.Line);
            w.Write(e.Column);
            w.Write(e.Force);
            w.Write(e.MinFuzzyRatio.HasValue);
            w.Write(e.MinFuzzyRatio ?? 0);
            WriteDate(w, e.ValidFrom);
            WriteDate(w, e.ValidUntil);
            w.Write(e.Forms.Count);
            foreach (AliasForm f in e.Forms)
            {
                w.Write(f.Text);
                w.Write((byte)f.Kind);
                w.Write(f.CaseSensitive);
                WriteDate(w, f.ValidFrom);
                WriteDate(w, f.ValidUntil);
                w.Write(f.Line);
                w.Write(f.Column);
            }
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a dictionary of this version, or are cut short.</exception>
    public static List<AliasEntry> Read(Stream stream, string source)
    {
        try
        {
            using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != Version)
                throw new InvalidDataException($"The compiled alias dictionary '{source}' is not of this version: rebuild the library.");
            int count = r.ReadInt32();
            var entries = new List<AliasEntry>(count);
            for (int i = 0; i < count; i++)
            {
                string id = r.ReadString(), name = r.ReadString(), type = r.ReadString(), entrySource = r.ReadString();
                int line = r.ReadInt32(), column = r.ReadInt32();
                bool force = r.ReadBoolean();
                bool hasRatio = r.ReadBoolean();
                double ratio = r.ReadDouble();
                DateOnly? from = ReadDate(r), until = ReadDate(r);
                int formCount = r.ReadInt32();
                var forms = new AliasForm[formCount];
                for (int k = 0; k < formCount; k++)
                {
                    string text = r.ReadString();
                    var kind = (AliasKind)r.ReadByte();
                    bool caseSensitive = r.ReadBoolean();
                    DateOnly? formFrom = ReadDate(r), formUntil = ReadDate(r);
                    forms[k] = new AliasForm(text, kind, caseSensitive, formFrom, formUntil, r.ReadInt32(), r.ReadInt32());
                }
                entries.Add(new AliasEntry(id, name, type, forms, from, until, entrySource, line, column)
                {
                    Force = force,
                    MinFuzzyRatio = hasRatio ? ratio : null,
                });
            }
            return entries;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"The compiled alias dictionary '{source}' is truncated: rebuild the library.", ex);
        }
    }

    private static void WriteDate(BinaryWriter w, DateOnly? date) => w.Write(date?.DayNumber ?? -1);

    private static DateOnly? ReadDate(BinaryReader r)
    {
        int day = r.ReadInt32();
        return day < 0 ? null : DateOnly.FromDayNumber(day);
    }
}
