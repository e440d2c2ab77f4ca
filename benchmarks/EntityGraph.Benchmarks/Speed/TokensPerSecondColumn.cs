using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EntityGraph.Benchmarks.Speed;

/// <summary>Tokens per second of one operation over the ~1 MB corpus: token count / mean time.</summary>
internal sealed class TokensPerSecondColumn : IColumn
{
    private static readonly Lazy<int> TokenCount = new(() => EntityGraph.Pipeline.CreateDefault().Process(BenchmarkCorpus.OneMegabyte).Tokens.Count);

    public string Id => nameof(TokensPerSecondColumn);
    public string ColumnName => "Tokens/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Tokens per second on one core ({TokenCount.Value:N0} tokens per operation; median time)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        Statistics? stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null)
            return "n/a";
        double seconds = stats.Median / 1e9;
        return (TokenCount.Value / seconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
