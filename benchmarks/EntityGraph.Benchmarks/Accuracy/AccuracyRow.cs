using System.Globalization;

namespace EntityGraph.Benchmarks.Accuracy;

/// <summary>
/// One line of the accuracy table. Null scores print as the Note (for example "n/a (no stage)"); when Accuracy is
/// true the task is an accuracy: P and R do not apply and F1 holds the accuracy.
/// </summary>
internal sealed record AccuracyRow(string Corpus, string Task, double? Precision, double? Recall, double? F1, int Documents, double? TokensPerSecond, string? Note = null, bool Accuracy = false)
{
    public static string Percent(double? value) => value is { } v ? (100 * v).ToString("0.00", CultureInfo.InvariantCulture) : "-";

    public string PrecisionText => F1 is null ? Note ?? "n/a" : Accuracy ? "-" : Percent(Precision);

    public string RecallText => F1 is null ? "" : Accuracy ? "-" : Percent(Recall);

    public string F1Text => F1 is null ? "" : Percent(F1);

    public string SpeedText => TokensPerSecond is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) : "-";
}
