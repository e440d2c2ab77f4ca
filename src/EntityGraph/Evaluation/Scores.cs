namespace EntityGraph.Evaluation;

/// <summary>Counts of a set comparison and the precision, recall and F1 they give.</summary>
/// <param name="TruePositives">Items in both the gold set and the predicted set.</param>
/// <param name="FalsePositives">Predicted items not in gold.</param>
/// <param name="FalseNegatives">Gold items not predicted.</param>
public readonly record struct PrfScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Number of predicted items.</summary>
    public int Predicted => TruePositives + FalsePositives;

    /// <summary>Number of gold items.</summary>
    public int Gold => TruePositives + FalseNegatives;

    /// <summary>True positives over predicted items; 0 when nothing was predicted (as conlleval).</summary>
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;

    /// <summary>True positives over gold items; 0 when gold is empty.</summary>
    public double Recall => Gold == 0 ? 0 : (double)TruePositives / Gold;

    /// <summary>The harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Adds the counts (micro-averaging).</summary>
    public static PrfScore operator +(PrfScore left, PrfScore right) =>
        new(left.TruePositives + right.TruePositives, left.FalsePositives + right.FalsePositives, left.FalseNegatives + right.FalseNegatives);

    /// <summary>Adds the counts (micro-averaging).</summary>
    public static PrfScore Add(PrfScore left, PrfScore right) => left + right;

    /// <inheritdoc />
    public override string ToString() => $"P {Precision:P2} R {Recall:P2} F1 {F1:P2} (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives})";
}

/// <summary>
/// B-cubed precision and recall summed over mentions, so that documents combine by adding. Each mention's
/// precision is the share of its system cluster that is also in its gold cluster, and its recall the share of its
/// gold cluster that is also in its system cluster, counting only mentions both sides found.
/// </summary>
/// <param name="PrecisionSum">Sum of the per-mention precisions.</param>
/// <param name="RecallSum">Sum of the per-mention recalls.</param>
/// <param name="Mentions">Number of mentions both sides found.</param>
public readonly record struct BCubedScore(double PrecisionSum, double RecallSum, int Mentions)
{
    /// <summary>Mean per-mention precision; 0 when no mention is shared.</summary>
    public double Precision => Mentions == 0 ? 0 : PrecisionSum / Mentions;

    /// <summary>Mean per-mention recall; 0 when no mention is shared.</summary>
    public double Recall => Mentions == 0 ? 0 : RecallSum / Mentions;

    /// <summary>The harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Adds the sums (each mention weighs the same, whatever its document).</summary>
    public static BCubedScore operator +(BCubedScore left, BCubedScore right) =>
        new(left.PrecisionSum + right.PrecisionSum, left.RecallSum + right.RecallSum, left.Mentions + right.Mentions);

    /// <summary>Adds the sums.</summary>
    public static BCubedScore Add(BCubedScore left, BCubedScore right) => left + right;

    /// <inheritdoc />
    public override string ToString() => $"B3 P {Precision:P2} R {Recall:P2} F1 {F1:P2} over {Mentions} mentions";
}
