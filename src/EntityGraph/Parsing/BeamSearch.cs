using System.Buffers;
using System.Runtime.CompilerServices;
using EntityGraph.Tagging;

namespace EntityGraph.Parsing;

/// <summary>Scores one decision from its feature buckets: the trained model at run time, the trainer while learning.</summary>
internal interface IScorer
{
    int Bits { get; }

    /// <summary>Whether equal features score the same for the whole sentence (false while training: the weights move).</summary>
    bool Fixed { get; }

    void Score(ReadOnlySpan<int> buckets, Span<float> scores);
}

internal readonly struct ModelScorer(PerceptronModel model) : IScorer
{
    public int Bits => model.Bits;

    public bool Fixed => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Score(ReadOnlySpan<int> buckets, Span<float> scores) => model.Score(buckets, scores);
}

internal readonly struct TrainerScorer(PerceptronTrainer trainer) : IScorer
{
    public int Bits => trainer.Bits;

    public bool Fixed => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Score(ReadOnlySpan<int> buckets, Span<float> scores) => trainer.Score(buckets, scores);
}

/// <summary>
/// Beam search over arc-hybrid transitions (Zhang and Clark 2008; Zhang and Nivre 2011): the <see cref="Width"/> best
/// partial parses by summed transition score survive each step. Every complete parse of n words takes exactly 2n moves,
/// so all items finish together. Labels are chosen greedily when an arc is added (the label classifier is separate).
/// Holds rented per-call scratch; one instance per thread, disposed after use.
/// </summary>
[SkipLocalsInit]
internal sealed class BeamSearch : IDisposable
{
    private readonly ParseState[] _current;
    private readonly ParseState[] _next;
    private readonly float[] _scores;
    private readonly float[] _nextScores;
    private readonly bool[] _onGold;
    private readonly bool[] _nextOnGold;
    private readonly int[] _candidateItem;
    private readonly int[] _candidateMove;
    private readonly float[] _candidateScore;
    private int[] _backParent = [];
    private int[] _backMove = [];
    private int[] _backLabel = [];
    private int _count;
    // Decisions already made in this sentence, for beam items that look alike to the classifiers.
    private readonly DecisionCache _moveCache = new(ParseState.TransitionKeyLength, Move.Count);
    private readonly DecisionCache _labelCache = new(ParseState.LabelKeyLength, 1);

    public BeamSearch(int width, float margin = 0)
    {
        Width = width;
        Margin = margin > 0 ? margin : float.PositiveInfinity;
        _current = new ParseState[width];
        _next = new ParseState[width];
        for (int i = 0; i < width; i++)
        {
            _current[i] = new ParseState(16);
            _next[i] = new ParseState(16);
        }
        _scores = new float[width];
        _nextScores = new float[width];
        _onGold = new bool[width];
        _nextOnGold = new bool[width];
        _candidateItem = new int[width * Move.Count];
        _candidateMove = new int[width * Move.Count];
        _candidateScore = new float[width * Move.Count];
    }

    public int Width { get; }

    /// <summary>
    /// Candidates scoring more than this below the step's best are dropped (infinite: none are). Most steps are clear-cut,
    /// so the beam shrinks to one or two items there and search costs little more than greedy parsing.
    /// </summary>
    public float Margin { get; }

    /// <summary>
    /// Scores every decision afresh as well and fails if a remembered one differs (tests: proves that the cache keys
    /// hold every value the features read).
    /// </summary>
    internal bool VerifyCache { get; init; }

    /// <summary>Items in the beam after the last step.</summary>
    public int Count => _count;

    public ParseState Item(int slot) => _current[slot];

    public float Score(int slot) => _scores[slot];

    /// <summary>Whether the best item's moves are the gold moves given to <see cref="Step"/> so far (training only).</summary>
    public bool BestIsGold => _onGold[0];

    /// <summary>Starts from the sentence loaded into <paramref name="words"/> (its words are shared, not copied).</summary>
    public void Start(ParseState words)
    {
        _current[0].CopyFrom(words);
        _scores[0] = 0;
        _onGold[0] = true;
        _count = 1;
        _moveCache.Clear();
        _labelCache.Clear();
        int steps = 2 * words.Length + 1;
        if (_backParent.Length < steps * Width)
        {
            ReturnHistory();
            _backParent = ArrayPool<int>.Shared.Rent(steps * Width);
            _backMove = ArrayPool<int>.Shared.Rent(steps * Width);
            _backLabel = ArrayPool<int>.Shared.Rent(steps * Width);
        }
    }

    /// <summary>
    /// One step: expands every item by every valid move and keeps the best <see cref="Width"/>; records back pointers
    /// for step <paramref name="step"/>. Returns false when the items were already complete.
    /// </summary>
    public bool Step<TMoves, TLabels>(int step, TMoves moves, TLabels labels, int labelCount, Span<int> buckets, int goldMove = -1)
        where TMoves : struct, IScorer
        where TLabels : struct, IScorer
    {
        if (_current[0].IsTerminal)
            return false;
        Span<float> moveScores = stackalloc float[8];
        Span<int> key = stackalloc int[Math.Max(ParseState.TransitionKeyLength, ParseState.LabelKeyLength)];
        int candidates = 0;
        for (int k = 0; k < _count; k++)
        {
            ParseState state = _current[k];
            ScoreMoves(state, moves, buckets, moveScores, key);
            for (int m = 0; m < Move.Count; m++)
            {
                if (!state.IsValid(m))
                    continue;
                _candidateItem[candidates] = k;
                _candidateMove[candidates] = m;
                _candidateScore[candidates] = _scores[k] + moveScores[m];
                candidates++;
            }
        }
        int keep = Math.Min(Width, candidates);
        // Partial selection sort: the beam is small, and ties keep the earlier candidate so results are reproducible.
        float floor = float.NegativeInfinity;
        for (int j = 0; j < keep; j++)
        {
            int best = j;
            for (int c = j + 1; c < candidates; c++)
            {
                if (_candidateScore[c] > _candidateScore[best])
                    best = c;
            }
            if (best != j)
            {
                (_candidateItem[j], _candidateItem[best]) = (_candidateItem[best], _candidateItem[j]);
                (_candidateMove[j], _candidateMove[best]) = (_candidateMove[best], _candidateMove[j]);
                (_candidateScore[j], _candidateScore[best]) = (_candidateScore[best], _candidateScore[j]);
            }
            if (j == 0)
            {
                floor = _candidateScore[0] - Margin;
            }
            else if (_candidateScore[j] < floor)
            {
                keep = j;
                break;
            }
        }
        Span<float> labelScores = stackalloc float[64];
        // How many kept candidates extend each item: an item that only one extends is taken over by it and changed in
        // place instead of copied (with the margin the beam is one or two items most of the time, so most steps copy
        // nothing). Its label is chosen first, and no other candidate reads it.
        Span<int> uses = Width <= 64 ? stackalloc int[Width] : new int[Width];
        uses.Clear();
        for (int j = 0; j < keep; j++)
            uses[_candidateItem[j]]++;
        for (int j = 0; j < keep; j++)
        {
            int item = _candidateItem[j];
            ParseState parent = _current[item];
            int move = _candidateMove[j];
            int label = move == Move.Shift ? -1 : ChooseLabel(parent, move, labels, labelCount, buckets, labelScores, key);
            ParseState child;
            if (uses[item] == 1)
            {
                // Swap the objects, so the two arrays still hold 2 x Width distinct states.
                child = parent;
                _current[item] = _next[j];
                _next[j] = child;
            }
            else
            {
                child = _next[j];
                child.CopyFrom(parent);
            }
            child.Apply(move, label);
            _nextScores[j] = _candidateScore[j];
            _nextOnGold[j] = _onGold[_candidateItem[j]] && move == goldMove;
            int at = step * Width + j;
            _backParent[at] = _candidateItem[j];
            _backMove[at] = move;
            _backLabel[at] = label;
        }
        for (int j = 0; j < keep; j++)
        {
            (_current[j], _next[j]) = (_next[j], _current[j]);
            _scores[j] = _nextScores[j];
            _onGold[j] = _nextOnGold[j];
        }
        _count = keep;
        return true;
    }

    /// <summary>The transition scores of <paramref name="state"/>, remembered for the sentence when the scorer is fixed.</summary>
    private void ScoreMoves<TMoves>(ParseState state, TMoves moves, Span<int> buckets, Span<float> scores, Span<int> key)
        where TMoves : struct, IScorer
    {
        int slot = 0;
        bool cached = false;
        if (moves.Fixed)
        {
            key = key[..ParseState.TransitionKeyLength];
            state.TransitionKey(key);
            cached = _moveCache.Find(key, out slot);
            if (cached && !VerifyCache)
            {
                _moveCache.Values(slot).CopyTo(scores);
                return;
            }
        }
        var features = new FeatureBuffer(buckets, moves.Bits);
        state.TransitionFeatures(ref features);
        moves.Score(features.Buckets, scores);
        if (cached)
            Verify(_moveCache.Values(slot), scores[..Move.Count], "transition");
        else if (moves.Fixed)
            _moveCache.Store(slot, key, scores);
    }

    /// <summary>The label of the arc <paramref name="move"/> would add from <paramref name="state"/>, remembered for the sentence.</summary>
    private int ChooseLabel<TLabels>(ParseState state, int move, TLabels labels, int labelCount, Span<int> buckets, Span<float> scores, Span<int> key)
        where TLabels : struct, IScorer
    {
        if (!labels.Fixed)
            return ChooseLabel(state, move, labels, labelCount, buckets, scores);
        (int head, int dependent) = state.ArcOf(move);
        if (head == state.Length)
            return labelCount;
        key = key[..ParseState.LabelKeyLength];
        state.LabelKey(head, dependent, key);
        bool cached = _labelCache.Find(key, out int slot);
        if (cached && !VerifyCache)
            return (int)_labelCache.Values(slot)[0];
        int label = ChooseLabel(state, move, labels, labelCount, buckets, scores);
        Span<float> value = [label];
        if (cached)
            Verify(_labelCache.Values(slot), value, "label");
        else
            _labelCache.Store(slot, key, value);
        return label;
    }

    private static void Verify(ReadOnlySpan<float> remembered, ReadOnlySpan<float> scored, string decision)
    {
        if (!remembered.SequenceEqual(scored))
            throw new InvalidOperationException($"The parser's {decision} cache returned another answer than scoring: its key misses a value the features read.");
    }

    /// <summary>The label of the arc <paramref name="move"/> would add from <paramref name="state"/> (root arcs are root).</summary>
    public static int ChooseLabel<TLabels>(ParseState state, int move, TLabels labels, int labelCount, Span<int> buckets, Span<float> scores)
        where TLabels : struct, IScorer
    {
        (int head, int dependent) = state.ArcOf(move);
        if (head == state.Length)
            return labelCount;
        var features = new FeatureBuffer(buckets, labels.Bits);
        state.LabelFeatures(head, dependent, ref features);
        labels.Score(features.Buckets, scores);
        int best = 0;
        for (int c = 1; c < labelCount; c++)
        {
            if (scores[c] > scores[best])
                best = c;
        }
        return best;
    }

    /// <summary>The moves and labels that led to <paramref name="slot"/> after step <paramref name="lastStep"/>, oldest first.</summary>
    public void History(int lastStep, int slot, Span<int> moves, Span<int> labels)
    {
        for (int t = lastStep; t >= 0; t--)
        {
            int at = t * Width + slot;
            moves[t] = _backMove[at];
            labels[t] = _backLabel[at];
            slot = _backParent[at];
        }
    }

    private void ReturnHistory()
    {
        if (_backParent.Length == 0)
            return;
        ArrayPool<int>.Shared.Return(_backParent);
        ArrayPool<int>.Shared.Return(_backMove);
        ArrayPool<int>.Shared.Return(_backLabel);
        _backParent = _backMove = _backLabel = [];
    }

    public void Dispose()
    {
        ReturnHistory();
        _moveCache.Dispose();
        _labelCache.Dispose();
        foreach (ParseState state in _current)
            state.Dispose();
        foreach (ParseState state in _next)
            state.Dispose();
    }
}
