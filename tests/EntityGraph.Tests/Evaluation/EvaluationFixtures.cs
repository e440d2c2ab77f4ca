namespace EntityGraph.Tests.Evaluation;

/// <summary>Paths of the hand-made evaluation fixtures (invented sentences) in TestData/Evaluation.</summary>
internal static class EvaluationFixtures
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", "Evaluation", .. parts]);
}
