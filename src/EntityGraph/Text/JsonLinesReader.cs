using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EntityGraph.Text;

/// <summary>
/// One line of a JSON Lines article file (<c>{"id", "text", "date"?, "url"?, "title"?}</c>): the article, or why the
/// line could not be read (<see cref="Error"/> set, the other fields null).
/// </summary>
/// <param name="LineNumber">The line's number in its source, from 1.</param>
/// <param name="Id">The article id (from <c>id</c>; the source name and line number when the line has none).</param>
/// <param name="Text">The article text.</param>
/// <param name="Date">The publication day, when given.</param>
/// <param name="Url">The address, when given.</param>
/// <param name="Title">The headline, when given.</param>
/// <param name="Error">What is wrong with the line (it names the source and the line), or null.</param>
public sealed record JsonLinesArticle(long LineNumber, string? Id, string? Text, DateOnly? Date, string? Url, string? Title, string? Error)
{
    /// <summary>A new, unprocessed document with this line's text and metadata.</summary>
    /// <returns>The document.</returns>
    /// <exception cref="InvalidOperationException">The line was not readable (<see cref="Error"/> is set).</exception>
    public Document ToDocument() => Text is null
        ? throw new InvalidOperationException(Error ?? "The line has no text.")
        : new Document(Text, Id) { Date = Date, Url = Url, Title = Title };
}

/// <summary>
/// Reads articles from JSON Lines, one JSON object per line, lazily: a feed or a file of any length streams through
/// with one line in memory. A bad line (not JSON, no <c>text</c>, a bad <c>date</c>, longer than the limit) is returned
/// with its line number and the error, and reading goes on with the next line.
/// </summary>
public static class JsonLinesReader
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss",
    ];

    /// <summary>Reads every non-blank line of <paramref name="reader"/> as an article.</summary>
    /// <param name="reader">The JSON Lines text.</param>
    /// <param name="source">The source's name for messages (a path, or <c>&lt;stdin&gt;</c>).</param>
    /// <param name="idPrefix">Prefix of the id given to a line without one (the line number follows a dash).</param>
    /// <param name="maxLineChars">Longest line read; a longer line is skipped (without buffering it) and reported.</param>
    /// <returns>One entry per non-blank line, in order.</returns>
    public static IEnumerable<JsonLinesArticle> Read(TextReader reader, string source, string idPrefix = "line", long maxLineChars = 20L * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return ReadLines(reader, source, idPrefix, maxLineChars);
    }

    private static IEnumerable<JsonLinesArticle> ReadLines(TextReader reader, string source, string idPrefix, long maxLineChars)
    {
        var line = new StringBuilder();
        long number = 0;
        while (true)
        {
            line.Clear();
            bool tooLong = false, any = false;
            int c;
            while ((c = reader.Read()) >= 0 && c != '\n')
            {
                any = true;
                if (tooLong)
                    continue;
                if (line.Length >= maxLineChars)
                {
                    // Keep reading to the end of the line without keeping it: one huge line must not take the memory.
                    tooLong = true;
                    line.Clear();
                    continue;
                }
                line.Append((char)c);
            }
            if (c < 0 && !any)
                yield break;
            number++;
            if (tooLong)
            {
                yield return Failed(number, $"{source}:{number}: the line is longer than the limit of {maxLineChars:N0} characters; raise --max-size or split the article.");
                continue;
            }
            if (line.Length > 0 && line[^1] == '\r')
                line.Length--;
            string text = line.ToString();
            if (!string.IsNullOrWhiteSpace(text))
                yield return Parse(text, number, source, idPrefix);
            if (c < 0)
                yield break;
        }
    }

    /// <summary>Parses one JSON Lines line.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="lineNumber">Its number, for messages and the default id.</param>
    /// <param name="source">The source's name for messages.</param>
    /// <param name="idPrefix">Prefix of the id given when the line has none.</param>
    /// <returns>The article, or the error.</returns>
    public static JsonLinesArticle Parse(string line, long lineNumber, string source, string idPrefix = "line")
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            string where = ex.BytePositionInLine is { } b ? $", near byte {b + 1} of the line" : string.Empty;
            return Failed(lineNumber, $"{source}:{lineNumber}: not JSON{where}: {FirstSentence(ex.Message)}");
        }
        using (json)
        {
            JsonElement root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Failed(lineNumber, $"{source}:{lineNumber}: expected a JSON object such as {{\"id\": \"a1\", \"text\": \"...\"}}, found {Kind(root.ValueKind)}.");
            if (!root.TryGetProperty("text", out JsonElement textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                string found = root.TryGetProperty("text", out JsonElement t) ? $"\"text\" is {Kind(t.ValueKind)}" : "there is no \"text\"";
                return Failed(lineNumber, $"{source}:{lineNumber}: the article text must be a string in \"text\"; {found}.");
            }
            string id = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{lineNumber}");
            if (root.TryGetProperty("id", out JsonElement idElement))
            {
                if (idElement.ValueKind == JsonValueKind.String && idElement.GetString()!.Length > 0)
                    id = idElement.GetString()!;
                else if (idElement.ValueKind == JsonValueKind.Number)
                    id = idElement.GetRawText();
                else if (idElement.ValueKind != JsonValueKind.Null)
                    return Failed(lineNumber, $"{source}:{lineNumber}: \"id\" must be a non-empty string or a number; it is {Kind(idElement.ValueKind)}.");
            }
            DateOnly? date = null;
            if (root.TryGetProperty("date", out JsonElement dateElement) && dateElement.ValueKind != JsonValueKind.Null)
            {
                if (dateElement.ValueKind != JsonValueKind.String || !TryParseDate(dateElement.GetString()!, out DateOnly day))
                    return Failed(lineNumber, $"{source}:{lineNumber}: bad \"date\" {Shorten(dateElement.GetRawText())}: use an ISO 8601 date such as \"2014-06-10\" or \"2014-06-10T08:30:00Z\".");
                date = day;
            }
            if (!TryOptionalString(root, "url", out string? url) || !TryOptionalString(root, "title", out string? title))
            {
                string name = TryOptionalString(root, "url", out _) ? "title" : "url";
                return Failed(lineNumber, $"{source}:{lineNumber}: \"{name}\" must be a string.");
            }
            return new JsonLinesArticle(lineNumber, id, textElement.GetString(), date, url, title, null);
        }
    }

    /// <summary>Reads an ISO 8601 date (<c>2014-06-10</c>) or date and time; the day is the one written, whatever the offset.</summary>
    /// <param name="text">The text.</param>
    /// <param name="date">The day.</param>
    /// <returns>Whether <paramref name="text"/> is such a date.</returns>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset moment))
        {
            // The day as the publisher wrote it, not converted to UTC: "2014-06-10T23:30-05:00" is a June 10 article.
            date = DateOnly.FromDateTime(moment.DateTime);
            return true;
        }
        return false;
    }

    private static bool TryOptionalString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
            return true;
        if (e.ValueKind != JsonValueKind.String)
            return false;
        value = e.GetString();
        return true;
    }

    private static JsonLinesArticle Failed(long line, string error) => new(line, null, null, null, null, null, error);

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
