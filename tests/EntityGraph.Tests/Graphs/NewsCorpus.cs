using System.Text.Json;

namespace EntityGraph.Tests.Graphs;

/// <summary>A small invented news archive (our own sentences) with dates, for the JSON Lines, merge and store tests.</summary>
internal static class NewsCorpus
{
    public static readonly (string Id, string Date, string Text)[] Articles =
    [
        ("n01", "2014-06-10", "Islamic State fighters captured Mosul on Tuesday. Iraqi troops fled the city, officials said."),
        ("n02", "2014-06-16", "ISIS captured Tal Afar after a day of fighting. Barack Obama said the United States would send advisers."),
        ("n03", "2014-06-20", "John Kerry held talks with Iranian officials in Vienna. The talks were about Iraq."),
        ("n04", "2014-07-02", "The Pentagon deployed troops to Baghdad. Chuck Hagel said the troops would protect the embassy."),
        ("n05", "2014-07-15", "Kurdish forces attacked Islamic State positions near Mosul. The United Nations said hundreds fled."),
        ("n06", "2014-08-08", "The United States attacked ISIS near Erbil. Obama said the strikes would go on."),
        ("n07", "2014-08-21", "Kerry held talks with Mohammad Javad Zarif in Geneva. Iran said the meeting was useful."),
        ("n08", "2014-09-03", "Hezbollah fighters captured a town near the Syrian border. Lebanon said the army was ready."),
        ("n09", "2014-09-30", "Britain deployed jets to Cyprus. David Cameron said Britain would join the strikes on ISIS."),
        ("n10", "2014-10-12", "Turkey held talks with the United States about Kobani. Kurdish fighters attacked ISIS in Kobani."),
    ];

    /// <summary>The archive as JSON Lines, one article per line.</summary>
    public static string JsonLines(IEnumerable<(string Id, string Date, string Text)> articles) =>
        string.Concat(articles.Select(a => JsonSerializer.Serialize(new { id = a.Id, text = a.Text, date = a.Date, url = $"https://news.example/{a.Id}", title = "Story " + a.Id }) + "\n"));

    public static Document Document((string Id, string Date, string Text) article) =>
        new(article.Text, article.Id) { Date = DateOnly.Parse(article.Date, System.Globalization.CultureInfo.InvariantCulture), Url = $"https://news.example/{article.Id}", Title = "Story " + article.Id };

    private static readonly Lazy<Document[]> Processed = new(() =>
    {
        Pipeline pipeline = Pipeline.CreateDefault();
        return [.. Articles.Select(a => pipeline.Process(Document(a)))];
    });

    /// <summary>The archive through the default pipeline, once per test run.</summary>
    public static Document[] Documents => Processed.Value;
}
