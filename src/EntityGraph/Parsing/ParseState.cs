using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EntityGraph.Entities;
using EntityGraph.Tagging;

namespace EntityGraph.Parsing;

/// <summary>The three arc-hybrid transitions (Kuhlmann et al. 2011), as classes of the transition classifier.</summary>
internal static class Move
{
    public const int Shift = 0;
    /// <summary>s0 becomes a dependent of b0 and is popped.</summary>
    public const int Left = 1;
    /// <summary>s0 becomes a dependent of s1 and is popped.</summary>
    public const int Right = 2;
    public const int Count = 3;

    /// <summary>
    /// Classes of the transition classifier: the moves plus "none", never predicted. Global (beam) training adds the
    /// gold sequence's features to one move and subtracts the predicted sequence's from another state's move; the
    /// shared learner only has a paired update (+gold, -guess on the same features), so each half is paired with "none".
    /// </summary>
    public const int ClassCount = 4;

    public const int None = 3;

    public static readonly string[] Names = ["shift", "left", "right", "none"];
}

/// <summary>
/// One sentence being parsed with the arc-hybrid system, the root placed at the end of the buffer (Ballesteros and
/// Nivre 2013) so that it takes its one dependent last: LEFT onto the root is allowed only when s0 is the last item on
/// the stack, which gives exactly one root per sentence by construction. Word i is 0..n-1, the root is n.
/// Also computes the features of the transition and label classifiers. Arrays are rented; dispose to return them.
/// </summary>
[SkipLocalsInit]
internal sealed class ParseState : IDisposable
{
    // Sentinels: values no real word or tag hash is likely to take.
    private const ulong NoneValue = 0x6E6F6E65UL;
    private const ulong RootWord = 0x726F6F74UL;
    private const ulong RootTag = 0x524F4F54UL;

    private ulong[] _words;
    private ulong[] _tags;
    private ulong[] _utags;
    private ulong[] _suffixes;
    private int[] _clusters;
    // Per word (and the root), the part of each transition feature hash that depends on that word alone: Prefix slot t
    // of word i is template t's hash after the word's own values (see PrefixArgs). A word is read by dozens of steps and
    // beam items, so its part of ~130 hashes is computed once per sentence instead of once per item per step.
    private ulong[] _prefixes;
    private int[] _stack;
    private int[] _heads;
    private int[] _labels;
    private int[] _left1;
    private int[] _left2;
    private int[] _right1;
    private int[] _right2;
    private int[] _leftCount;
    private int[] _rightCount;
    private ulong[] _leftSet;
    private ulong[] _rightSet;
    private int _capacity;
    // The word arrays features read: this state's own, or (a beam successor) those of the state that holds them.
    private ulong[] _readWords = [];
    private ulong[] _readTags = [];
    private ulong[] _readUtags = [];
    private ulong[] _readSuffixes = [];
    private int[] _readClusters = [];
    private ulong[] _readPrefixes = [];
    // The word clusters of the sentence being loaded; null: a model without cluster features (features version 2).
    private WordClusters? _clusterMap;

    public ParseState(int capacity = 64)
    {
        _capacity = 0;
        _words = _tags = _utags = _suffixes = _leftSet = _rightSet = _prefixes = [];
        _clusters = [];
        _stack = _heads = _labels = _left1 = _left2 = _right1 = _right2 = _leftCount = _rightCount = [];
        Ensure(capacity);
    }

    /// <summary>Words in the sentence (the root, index <see cref="Length"/>, not counted).</summary>
    public int Length { get; private set; }

    public int StackCount { get; private set; }

    /// <summary>First word of the buffer; <see cref="Length"/> when only the root is left.</summary>
    public int Buffer { get; private set; }

    public bool IsTerminal => StackCount == 0 && Buffer == Length;

    public ReadOnlySpan<int> Heads => _heads.AsSpan(0, Length);

    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, Length);

    public int StackTop => _stack[StackCount - 1];

    public int StackSecond => _stack[StackCount - 2];

    /// <summary>
    /// Starts a sentence of <paramref name="length"/> words; fill <see cref="SetWord"/> for each before parsing.
    /// <paramref name="clusters"/>: the model's word clusters, whose features are used only when given.
    /// </summary>
    public void Begin(int length, WordClusters? clusters = null)
    {
        Ensure(length + 1);
        // Only the state that holds the words has a prefix table; beam items read it (like the words) by reference.
        if (_prefixes.Length < (length + 2) * PrefixSlots)
        {
            if (_prefixes.Length > 0)
                ArrayPool<ulong>.Shared.Return(_prefixes);
            _prefixes = ArrayPool<ulong>.Shared.Rent((length + 2) * PrefixSlots);
        }
        NonePrefixes.CopyTo(_prefixes.AsSpan((length + 1) * PrefixSlots, PrefixSlots));
        _clusterMap = clusters;
        _readClusters = _clusters;
        _readWords = _words;
        _readTags = _tags;
        _readUtags = _utags;
        _readSuffixes = _suffixes;
        _readPrefixes = _prefixes;
        Length = length;
        StackCount = 0;
        Buffer = 0;
        for (int i = 0; i <= length; i++)
        {
            _heads[i] = -1;
            _labels[i] = -1;
            _left1[i] = _left2[i] = _right1[i] = _right2[i] = -1;
            _leftCount[i] = _rightCount[i] = 0;
            _leftSet[i] = _rightSet[i] = 0;
        }
        _words[length] = RootWord;
        _tags[length] = RootTag;
        _utags[length] = RootTag;
        _suffixes[length] = RootWord;
        _clusters[length] = 1;
        ComputePrefixes(length);
    }

    /// <summary>
    /// Makes this state a copy of <paramref name="other"/> (a beam successor): the configuration is copied, the words
    /// are shared by reference, since they never change during a parse.
    /// </summary>
    public void CopyFrom(ParseState other)
    {
        int size = other.Length + 1;
        if (_capacity < size)
            Ensure(size);
        _readWords = other._readWords;
        _readTags = other._readTags;
        _readUtags = other._readUtags;
        _readSuffixes = other._readSuffixes;
        _readClusters = other._readClusters;
        _readPrefixes = other._readPrefixes;
        _clusterMap = other._clusterMap;
        Length = other.Length;
        StackCount = other.StackCount;
        Buffer = other.Buffer;
        other._stack.AsSpan(0, StackCount).CopyTo(_stack);
        other._heads.AsSpan(0, size).CopyTo(_heads);
        other._labels.AsSpan(0, size).CopyTo(_labels);
        other._left1.AsSpan(0, size).CopyTo(_left1);
        other._left2.AsSpan(0, size).CopyTo(_left2);
        other._right1.AsSpan(0, size).CopyTo(_right1);
        other._right2.AsSpan(0, size).CopyTo(_right2);
        other._leftCount.AsSpan(0, size).CopyTo(_leftCount);
        other._rightCount.AsSpan(0, size).CopyTo(_rightCount);
        other._leftSet.AsSpan(0, size).CopyTo(_leftSet);
        other._rightSet.AsSpan(0, size).CopyTo(_rightSet);
    }

    /// <summary>Sets word <paramref name="index"/>: its form and its tags (hashed).</summary>
    public void SetWord(int index, ReadOnlySpan<char> form, ulong tag, ulong utag)
    {
        _words[index] = FeatureHash.AddLower(FeatureHash.Start(0x77), form);
        _tags[index] = tag;
        _utags[index] = utag;
        _suffixes[index] = HashSuffix(form);
        _clusters[index] = _clusterMap is null ? 0 : _clusterMap.Code(form);
        ComputePrefixes(index);
    }

    /// <summary>What a transition template's prefix reads from its word: form, XPOS, UPOS, suffix, cluster prefixes.</summary>
    private enum Arg : byte
    {
        W,
        P,
        U,
        X,
        C4,
        C6,
        C16,
    }

    /// <summary>Slots per word in the prefix table: one per transition template number (0..151; unused numbers stay empty).</summary>
    private const int PrefixSlots = 152;

    /// <summary>The leading arguments of each transition template that belong to one word (null: no prefix slot).</summary>
    private static readonly Arg[]?[] PrefixArgs = BuildPrefixArgs();

    /// <summary>The prefixes of a missing word (index -1: every value <see cref="NoneValue"/>, clusters 1 &lt;&lt; 40).</summary>
    private static readonly ulong[] NonePrefixes = BuildNonePrefixes();

    private static Arg[]?[] BuildPrefixArgs()
    {
        var args = new Arg[]?[PrefixSlots];
        Arg[] w = [Arg.W], p = [Arg.P], wp = [Arg.W, Arg.P], x = [Arg.X];
        foreach (int t in (int[])[2, 5, 8, 11, 14, 20, 21, 23, 33])
            args[t] = wp;
        foreach (int t in (int[])[3, 6, 9, 12, 15, 22, 25, 29, 30, 34, 50, 52, 54, 57, 60, 62, 64, 66, 71, 73, 76, 79, 90, 93, 96, 110, 112, 114])
            args[t] = w;
        foreach (int t in (int[])[4, 7, 10, 13, 16, 17, 24, 26, 27, 28, 31, 32, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 55, 56, 58, 61, 63, 65,
            67, 68, 72, 74, 77, 80, 83, 84, 85, 91, 94, 97, 99, 100, 101, 102, 111, 113, 115, 116, 117, 120, 136, 150])
            args[t] = p;
        args[18] = args[19] = [Arg.U];
        foreach (int t in (int[])[130, 131, 132, 133, 134, 135, 137])
            args[t] = x;
        args[138] = args[139] = [Arg.X, Arg.P];
        foreach (int t in (int[])[140, 143, 149, 151])
            args[t] = [Arg.C4];
        foreach (int t in (int[])[141, 144, 146, 147, 148])
            args[t] = [Arg.C6];
        args[142] = args[145] = [Arg.C16];
        // ComputePrefixes combines one or two leading values.
        if (args.Any(static a => a is not null && a.Length is not (1 or 2)))
            throw new InvalidOperationException("A transition template prefix has one or two arguments.");
        return args;
    }

    private static ulong[] BuildNonePrefixes()
    {
        var none = new ulong[PrefixSlots];
        for (int t = 0; t < PrefixSlots; t++)
        {
            if (PrefixArgs[t] is not { } args)
                continue;
            ulong h = FeatureHash.Start(t);
            foreach (Arg arg in args)
                h = WordShape.Combine(h, arg is Arg.C4 or Arg.C6 or Arg.C16 ? 1UL << 40 : NoneValue);
            none[t] = h;
        }
        return none;
    }

    /// <summary>The templates of <see cref="PrefixArgs"/> grouped by their arguments, and each template's starting hash.</summary>
    private static readonly (Arg[] Args, int[] Templates)[] PrefixGroups = [.. Enumerable.Range(0, PrefixSlots)
        .Where(static t => PrefixArgs[t] is not null)
        .GroupBy(static t => string.Join(",", PrefixArgs[t]!))
        .Select(static g => (PrefixArgs[g.First()]!, g.ToArray()))];

    private static readonly ulong[] TemplateStarts = [.. Enumerable.Range(0, PrefixSlots).Select(static t => FeatureHash.Start(t))];

    /// <summary>Fills the prefix slots of word <paramref name="i"/> (after its values are set).</summary>
    private void ComputePrefixes(int i)
    {
        Span<ulong> row = _prefixes.AsSpan(i * PrefixSlots, PrefixSlots);
        foreach ((Arg[] args, int[] templates) in PrefixGroups)
        {
            ulong first = Value(i, args[0]);
            if (args.Length == 1)
            {
                foreach (int t in templates)
                    row[t] = WordShape.Combine(TemplateStarts[t], first);
            }
            else
            {
                ulong second = Value(i, args[1]);
                foreach (int t in templates)
                    row[t] = WordShape.Combine(WordShape.Combine(TemplateStarts[t], first), second);
            }
        }
    }

    /// <summary>Word <paramref name="i"/>'s value of <paramref name="arg"/>, as W, P, U, X and C read it.</summary>
    private ulong Value(int i, Arg arg)
    {
        // Without a cluster map the cluster templates are never used (and the cluster codes are 0).
        bool clusters = _clusterMap is not null;
        return arg switch
        {
            Arg.W => _words[i],
            Arg.P => _tags[i],
            Arg.U => _utags[i],
            Arg.X => _suffixes[i],
            Arg.C4 => clusters ? (ulong)WordClusters.Prefix(_clusters[i], 4) : 0,
            Arg.C6 => clusters ? (ulong)WordClusters.Prefix(_clusters[i], 6) : 0,
            _ => clusters ? (ulong)WordClusters.Prefix(_clusters[i], 16) : 0,
        };
    }

    /// <summary>Where word <paramref name="i"/>'s prefixes start in the table (-1, a missing word: the row after the root's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RowOf(int i) => (i < 0 ? Length + 1 : i) * PrefixSlots;

    /// <summary>The most features <see cref="TransitionFeatures"/> adds before the cluster features.</summary>
    private const int TransitionFeatureCount = 110;

    /// <summary>The most features <see cref="LabelFeatures"/> adds.</summary>
    private const int LabelFeatureCount = 45;

    /// <summary>
    /// The last three characters (lower-cased) and a coarse shape: evidence that does not come from the tagger, so the
    /// parser can overrule a wrong tag ("-ed" after "was", a capitalised word in mid-sentence).
    /// </summary>
    private static ulong HashSuffix(ReadOnlySpan<char> form)
    {
        ReadOnlySpan<char> tail = form.Length > 3 ? form[^3..] : form;
        ulong shape = WordShape.IsAllCaps(form) ? 3UL : WordShape.IsTitle(form) ? 2UL : WordShape.HasDigit(form) ? 4UL : WordShape.HasLetter(form) ? 1UL : 5UL;
        return WordShape.Combine(FeatureHash.AddLower(FeatureHash.Start(0x73), tail), shape);
    }

    public static ulong HashTag(ReadOnlySpan<char> tag) => tag.IsEmpty ? NoneValue : FeatureHash.Add(FeatureHash.Start(0x74), tag);

    public bool IsValid(int move) => move switch
    {
        Move.Shift => Buffer < Length,
        Move.Left => StackCount > 0 && (Buffer < Length || StackCount == 1),
        Move.Right => StackCount > 1,
        _ => false,
    };

    /// <summary>The (head, dependent) pair an arc move would add.</summary>
    public (int Head, int Dependent) ArcOf(int move) =>
        move == Move.Left ? (Buffer, StackTop) : (StackSecond, StackTop);

    public void Apply(int move, int label)
    {
        switch (move)
        {
            case Move.Shift:
                _stack[StackCount++] = Buffer++;
                break;
            case Move.Left:
            {
                int dependent = _stack[--StackCount];
                int head = Buffer;
                Attach(head, dependent, label);
                // Left dependents arrive right to left, so the newest is the leftmost.
                _left2[head] = _left1[head];
                _left1[head] = dependent;
                _leftCount[head]++;
                _leftSet[head] |= 1UL << (label & 63);
                break;
            }
            default:
            {
                int dependent = _stack[--StackCount];
                int head = _stack[StackCount - 1];
                Attach(head, dependent, label);
                _right2[head] = _right1[head];
                _right1[head] = dependent;
                _rightCount[head]++;
                _rightSet[head] |= 1UL << (label & 63);
                break;
            }
        }
    }

    private void Attach(int head, int dependent, int label)
    {
        _heads[dependent] = head == Length ? -1 : head;
        _labels[dependent] = label;
    }

    /// <summary>
    /// Dynamic-oracle cost of each move (Goldberg and Nivre 2013, arc-hybrid): how many gold arcs still reachable
    /// the move makes unreachable. <paramref name="gold"/> holds heads with the root as <see cref="Length"/>.
    /// </summary>
    public void Costs(ReadOnlySpan<int> gold, Span<int> costs)
    {
        int n = Length;
        int b = Buffer;
        costs[Move.Shift] = costs[Move.Left] = costs[Move.Right] = int.MaxValue;
        if (StackCount > 0)
        {
            int s0 = StackTop;
            int s1 = StackCount > 1 ? StackSecond : -1;
            // Dependents of s0 still in the buffer are lost by either arc move.
            int lostChildren = 0;
            for (int d = b; d < n; d++)
            {
                if (gold[d] == s0)
                    lostChildren++;
            }
            int g = gold[s0];
            bool headInBuffer = g >= b;
            if (IsValid(Move.Left))
                costs[Move.Left] = lostChildren + ((g != b && (headInBuffer || g == s1)) ? 1 : 0);
            if (IsValid(Move.Right))
                costs[Move.Right] = lostChildren + (headInBuffer ? 1 : 0);
        }
        if (IsValid(Move.Shift))
        {
            int cost = 0;
            int gb = gold[b];
            for (int k = 0; k < StackCount; k++)
            {
                int item = _stack[k];
                if (gold[item] == b)
                    cost++;
                // b's head on the stack stays reachable only if it is s0 (via RIGHT after the shift).
                if (gb == item && k != StackCount - 1)
                    cost++;
            }
            costs[Move.Shift] = cost;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong H(int template, ulong a) => WordShape.Combine(FeatureHash.Start(template), a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong H(int template, ulong a, ulong b) => WordShape.Combine(WordShape.Combine(FeatureHash.Start(template), a), b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong H(int template, ulong a, ulong b, ulong c) =>
        WordShape.Combine(WordShape.Combine(WordShape.Combine(FeatureHash.Start(template), a), b), c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong H(int template, ulong a, ulong b, ulong c, ulong d) =>
        WordShape.Combine(WordShape.Combine(WordShape.Combine(WordShape.Combine(FeatureHash.Start(template), a), b), c), d);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong W(int i) => i < 0 ? NoneValue : _readWords[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong P(int i) => i < 0 ? NoneValue : _readTags[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong U(int i) => i < 0 ? NoneValue : _readUtags[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong X(int i) => i < 0 ? NoneValue : _readSuffixes[i];

    /// <summary>Word cluster path prefix of <paramref name="bits"/> bits (0: unknown word, 1: the root).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong C(int i, int bits) => i < 0 ? 1UL << 40 : (ulong)WordClusters.Prefix(_readClusters[i], bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong L(int i) => i < 0 ? NoneValue : (ulong)(_labels[i] + 2);

    private static ulong Distance(int from, int to)
    {
        if (from < 0 || to < 0)
            return 0;
        int d = Math.Abs(to - from);
        return (ulong)(d switch { <= 4 => d, <= 6 => 5, <= 10 => 7, _ => 11 });
    }

    /// <summary>Values in <see cref="TransitionKey"/>.</summary>
    public const int TransitionKeyLength = 37;

    /// <summary>Values in <see cref="LabelKey"/>.</summary>
    public const int LabelKeyLength = 20;

    /// <summary>
    /// Every value of this configuration that <see cref="TransitionFeatures"/> reads besides the sentence's words, which all
    /// beam items share: two configurations with equal keys have equal features. <see cref="DecisionCache"/> relies on
    /// it, so a feature that reads anything new must add it here (the parser tests check the two against each other).
    /// </summary>
    public void TransitionKey(Span<int> key)
    {
        int s0 = StackCount > 0 ? _stack[StackCount - 1] : -1;
        int s1 = StackCount > 1 ? _stack[StackCount - 2] : -1;
        int s2 = StackCount > 2 ? _stack[StackCount - 3] : -1;
        int n0 = Buffer;
        int s0l = s0 < 0 ? -1 : _left1[s0], s0l2 = s0 < 0 ? -1 : _left2[s0];
        int s0r = s0 < 0 ? -1 : _right1[s0], s0r2 = s0 < 0 ? -1 : _right2[s0];
        int n0l = _left1[n0], n0l2 = _left2[n0];
        int s1l = s1 < 0 ? -1 : _left1[s1], s1r = s1 < 0 ? -1 : _right1[s1], s1r2 = s1 < 0 ? -1 : _right2[s1];
        key[0] = s0;
        key[1] = s1;
        key[2] = s2;
        key[3] = n0;
        key[4] = StackCount > 3 ? 3 : StackCount;
        key[5] = s0l;
        key[6] = s0l2;
        key[7] = s0r;
        key[8] = s0r2;
        key[9] = n0l;
        key[10] = n0l2;
        key[11] = s1l;
        key[12] = s1r;
        key[13] = s1r2;
        key[14] = LabelOf(s0l);
        key[15] = LabelOf(s0l2);
        key[16] = LabelOf(s0r);
        key[17] = LabelOf(s0r2);
        key[18] = LabelOf(n0l);
        key[19] = LabelOf(n0l2);
        key[20] = LabelOf(s1l);
        key[21] = LabelOf(s1r);
        key[22] = s0 < 0 ? -1 : _rightCount[s0];
        key[23] = s0 < 0 ? -1 : _leftCount[s0];
        key[24] = _leftCount[n0];
        key[25] = s1 < 0 ? -1 : _rightCount[s1];
        key[26] = s1 < 0 ? -1 : _leftCount[s1];
        Set(key, 27, s0 < 0 ? 0 : _rightSet[s0]);
        Set(key, 29, s0 < 0 ? 0 : _leftSet[s0]);
        Set(key, 31, _leftSet[n0]);
        Set(key, 33, s1 < 0 ? 0 : _rightSet[s1]);
        Set(key, 35, s1 < 0 ? 0 : _leftSet[s1]);
    }

    /// <summary>
    /// Every value of this configuration that <see cref="LabelFeatures"/> reads for the arc <paramref name="head"/> ->
    /// <paramref name="dependent"/> besides the sentence's words (see <see cref="TransitionKey"/>).
    /// </summary>
    public void LabelKey(int head, int dependent, Span<int> key)
    {
        int dl = _left1[dependent], dr = _right1[dependent], hl = _left1[head], hr = _right1[head];
        key[0] = head;
        key[1] = dependent;
        key[2] = dl;
        key[3] = dr;
        key[4] = hl;
        key[5] = hr;
        key[6] = LabelOf(dl);
        key[7] = LabelOf(dr);
        key[8] = LabelOf(hl);
        key[9] = LabelOf(hr);
        key[10] = _leftCount[dependent];
        key[11] = _rightCount[dependent];
        Set(key, 12, _leftSet[dependent]);
        Set(key, 14, _rightSet[dependent]);
        Set(key, 16, _leftSet[head]);
        Set(key, 18, _rightSet[head]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LabelOf(int i) => i < 0 ? -2 : _labels[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(Span<int> key, int at, ulong value)
    {
        key[at] = (int)value;
        key[at + 1] = (int)(value >> 32);
    }

    /// <summary>
    /// The transition classifier's features: Zhang and Nivre (2011) rich non-local features, adapted to arc-hybrid
    /// (s0 has no head yet, so s1 and its rightmost children stand in for the head features).
    /// </summary>
    public void TransitionFeatures(ref FeatureBuffer features)
    {
        BucketWriter f = features.Writer(TransitionFeatureCount);
        int n = Length;
        int s0 = StackCount > 0 ? _stack[StackCount - 1] : -1;
        int s1 = StackCount > 1 ? _stack[StackCount - 2] : -1;
        int s2 = StackCount > 2 ? _stack[StackCount - 3] : -1;
        int n0 = Buffer;
        int n1 = n0 + 1 <= n ? n0 + 1 : -1;
        int n2 = n0 + 2 <= n ? n0 + 2 : -1;

        ulong s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0), n1w = W(n1), n1p = P(n1), n2p = P(n2);
        ulong s1p = P(s1);
        int s0l = s0 < 0 ? -1 : _left1[s0], s0l2 = s0 < 0 ? -1 : _left2[s0];
        int s0r = s0 < 0 ? -1 : _right1[s0], s0r2 = s0 < 0 ? -1 : _right2[s0];
        int n0l = _left1[n0], n0l2 = _left2[n0];
        int s1l = s1 < 0 ? -1 : _left1[s1], s1r = s1 < 0 ? -1 : _right1[s1], s1r2 = s1 < 0 ? -1 : _right2[s1];
        ulong s0lp = P(s0l), s0rp = P(s0r), n0lp = P(n0l), s1rp = P(s1r);
        // Each word's row in the prefix table (a missing word's is the row after the root's).
        ref ulong pre = ref MemoryMarshal.GetArrayDataReference(_readPrefixes);
        int rs0 = RowOf(s0), rs1 = RowOf(s1), rs2 = RowOf(s2), rn0 = RowOf(n0), rn1 = RowOf(n1), rn2 = RowOf(n2);
        int rs0l = RowOf(s0l), rs0r = RowOf(s0r), rn0l = RowOf(n0l), rs1r = RowOf(s1r), rs0l2 = RowOf(s0l2), rs0r2 = RowOf(s0r2), rn0l2 = RowOf(n0l2);

        f.Add(H(1, 1));
        // Single words. Slot t of word i's row is template t's hash after the word's own leading values: H(t, a(i), b(i),
        // rest...) equals the Combine of that slot with the rest, in the same order, so every hash is the same as before.
        f.Add(Unsafe.Add(ref pre, rs0 + 2));
        f.Add(Unsafe.Add(ref pre, rs0 + 3));
        f.Add(Unsafe.Add(ref pre, rs0 + 4));
        f.Add(Unsafe.Add(ref pre, rn0 + 5));
        f.Add(Unsafe.Add(ref pre, rn0 + 6));
        f.Add(Unsafe.Add(ref pre, rn0 + 7));
        f.Add(Unsafe.Add(ref pre, rn1 + 8));
        f.Add(Unsafe.Add(ref pre, rn1 + 9));
        f.Add(Unsafe.Add(ref pre, rn1 + 10));
        f.Add(Unsafe.Add(ref pre, rn2 + 11));
        f.Add(Unsafe.Add(ref pre, rn2 + 12));
        f.Add(Unsafe.Add(ref pre, rn2 + 13));
        f.Add(Unsafe.Add(ref pre, rs1 + 14));
        f.Add(Unsafe.Add(ref pre, rs1 + 15));
        f.Add(Unsafe.Add(ref pre, rs1 + 16));
        f.Add(Unsafe.Add(ref pre, rs2 + 17));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 18), U(n0)));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 19), U(s0)));
        // Word pairs.
        f.Add(C(Unsafe.Add(ref pre, rs0 + 20), n0w, n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 21), n0w));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 22), n0w, n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 23), n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 24), n0w, n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 25), n0w));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 26), n0p));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 27), n1p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 28), s0p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 29), s0w));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 30), s0p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 31), s0w));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 32), n0p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 33), s0w, s0p));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 34), n1w));
        // Three words.
        f.Add(C(Unsafe.Add(ref pre, rn0 + 40), n1p, n2p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 41), n0p, n1p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 42), s0p, n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 43), s0lp, n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 44), s0rp, n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 45), n0p, n0lp));
        f.Add(C(Unsafe.Add(ref pre, rs2 + 46), s1p, s0p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 47), s1rp, s0p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 48), P(s1l), s0p));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 49), s0p, s0lp));
        // Distance.
        ulong d = n0 == n ? 15 : Distance(s0, n0);
        ulong d1 = Distance(s1, s0);
        f.Add(C(Unsafe.Add(ref pre, rs0 + 50), d));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 51), d));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 52), d));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 53), d));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 54), n0w, d));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 55), n0p, d));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 56), s0p, d1));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 57), s0w, d1));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 58), s0p, d1, d));
        // Valency.
        if (s0 >= 0)
        {
            ulong vr = (ulong)_rightCount[s0], vl = (ulong)_leftCount[s0];
            f.Add(C(Unsafe.Add(ref pre, rs0 + 60), vr));
            f.Add(C(Unsafe.Add(ref pre, rs0 + 61), vr));
            f.Add(C(Unsafe.Add(ref pre, rs0 + 62), vl));
            f.Add(C(Unsafe.Add(ref pre, rs0 + 63), vl));
        }
        ulong nvl = (ulong)_leftCount[n0];
        f.Add(C(Unsafe.Add(ref pre, rn0 + 64), nvl));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 65), nvl));
        if (s1 >= 0)
        {
            f.Add(C(Unsafe.Add(ref pre, rs1 + 66), (ulong)_rightCount[s1]));
            f.Add(C(Unsafe.Add(ref pre, rs1 + 67), (ulong)_rightCount[s1]));
            f.Add(C(Unsafe.Add(ref pre, rs1 + 68), (ulong)_leftCount[s1]));
        }
        // Children.
        f.Add(H(70, L(s0l)));
        f.Add(Unsafe.Add(ref pre, rs0l + 71));
        f.Add(Unsafe.Add(ref pre, rs0l + 72));
        f.Add(Unsafe.Add(ref pre, rs0r + 73));
        f.Add(Unsafe.Add(ref pre, rs0r + 74));
        f.Add(H(75, L(s0r)));
        f.Add(Unsafe.Add(ref pre, rn0l + 76));
        f.Add(Unsafe.Add(ref pre, rn0l + 77));
        f.Add(H(78, L(n0l)));
        f.Add(Unsafe.Add(ref pre, rs1r + 79));
        f.Add(Unsafe.Add(ref pre, rs1r + 80));
        f.Add(H(81, L(s1r)));
        f.Add(H(82, L(s1l)));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 83), L(s0l), L(s0r)));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 84), L(n0l)));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 85), L(s1r), s0p));
        // Third order.
        f.Add(Unsafe.Add(ref pre, rs0l2 + 90));
        f.Add(Unsafe.Add(ref pre, rs0l2 + 91));
        f.Add(H(92, L(s0l2)));
        f.Add(Unsafe.Add(ref pre, rs0r2 + 93));
        f.Add(Unsafe.Add(ref pre, rs0r2 + 94));
        f.Add(H(95, L(s0r2)));
        f.Add(Unsafe.Add(ref pre, rn0l2 + 96));
        f.Add(Unsafe.Add(ref pre, rn0l2 + 97));
        f.Add(H(98, L(n0l2)));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 99), s0lp, P(s0l2)));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 100), s0rp, P(s0r2)));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 101), n0lp, P(n0l2)));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 102), s1rp, P(s1r2)));
        // Label sets.
        if (s0 >= 0)
        {
            f.Add(C(Unsafe.Add(ref pre, rs0 + 110), _rightSet[s0]));
            f.Add(C(Unsafe.Add(ref pre, rs0 + 111), _rightSet[s0]));
            f.Add(C(Unsafe.Add(ref pre, rs0 + 112), _leftSet[s0]));
            f.Add(C(Unsafe.Add(ref pre, rs0 + 113), _leftSet[s0]));
        }
        f.Add(C(Unsafe.Add(ref pre, rn0 + 114), _leftSet[n0]));
        f.Add(C(Unsafe.Add(ref pre, rn0 + 115), _leftSet[n0]));
        if (s1 >= 0)
        {
            f.Add(C(Unsafe.Add(ref pre, rs1 + 116), _rightSet[s1]));
            f.Add(C(Unsafe.Add(ref pre, rs1 + 117), _leftSet[s1]));
        }
        // Whether punctuation or a verb separates s0 from n0 matters for attachment across clauses.
        f.Add(C(Unsafe.Add(ref pre, rs0 + 120), n0p, StackCount > 3 ? 3UL : (ulong)StackCount));
        // Suffix and shape: tagger-independent evidence, so a wrong tag does not decide alone.
        ulong s0x = X(s0), n0x = X(n0);
        f.Add(Unsafe.Add(ref pre, rs0 + 130));
        f.Add(Unsafe.Add(ref pre, rn0 + 131));
        f.Add(Unsafe.Add(ref pre, rn1 + 132));
        f.Add(Unsafe.Add(ref pre, rs1 + 133));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 134), n0x));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 135), n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 136), n0x));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 137), s0x));
        f.Add(Unsafe.Add(ref pre, rs0 + 138));
        f.Add(Unsafe.Add(ref pre, rn0 + 139));
        features.Commit(f);
        if (_clusterMap is not null)
            ClusterFeatures(s0, s1, n0, n1, s0p, n0p, ref features);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong C(ulong prefix, ulong a) => WordShape.Combine(prefix, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong C(ulong prefix, ulong a, ulong b) => WordShape.Combine(WordShape.Combine(prefix, a), b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong C(ulong prefix, ulong a, ulong b, ulong c) => WordShape.Combine(WordShape.Combine(WordShape.Combine(prefix, a), b), c);

    /// <summary>
    /// Word-cluster features (Koo, Carreras and Collins 2008): 4- and 6-bit prefixes and the whole path of s0 and n0,
    /// 6-bit prefixes of s1 and n1, and the pairs s0-n0, s1-s0 and cluster-tag. Twelve features.
    /// </summary>
    private void ClusterFeatures(int s0, int s1, int n0, int n1, ulong s0p, ulong n0p, ref FeatureBuffer features)
    {
        BucketWriter f = features.Writer(12);
        ref ulong pre = ref MemoryMarshal.GetArrayDataReference(_readPrefixes);
        int rs0 = RowOf(s0), rs1 = RowOf(s1), rn0 = RowOf(n0), rn1 = RowOf(n1);
        ulong s0c4 = C(s0, 4), n0c4 = C(n0, 4), n0c6 = C(n0, 6);
        f.Add(Unsafe.Add(ref pre, rs0 + 140));
        f.Add(Unsafe.Add(ref pre, rs0 + 141));
        f.Add(Unsafe.Add(ref pre, rs0 + 142));
        f.Add(Unsafe.Add(ref pre, rn0 + 143));
        f.Add(Unsafe.Add(ref pre, rn0 + 144));
        f.Add(Unsafe.Add(ref pre, rn0 + 145));
        f.Add(Unsafe.Add(ref pre, rs1 + 146));
        f.Add(Unsafe.Add(ref pre, rn1 + 147));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 148), n0c6));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 149), n0p));
        f.Add(C(Unsafe.Add(ref pre, rs0 + 150), n0c4));
        f.Add(C(Unsafe.Add(ref pre, rs1 + 151), s0c4));
        features.Commit(f);
    }

    /// <summary>
    /// The label classifier's features for the arc <paramref name="head"/> -> <paramref name="dependent"/>, taken when the
    /// arc is added: the dependent is complete then (arc-hybrid pops it), so its function words ("by", "'s") are visible.
    /// </summary>
    public void LabelFeatures(int head, int dependent, ref FeatureBuffer features)
    {
        BucketWriter f = features.Writer(LabelFeatureCount);
        int n = Length;
        ulong dir = head == n ? 3UL : head > dependent ? 1UL : 2UL;
        ulong dist = Distance(head, dependent);
        ulong dw = W(dependent), dp = P(dependent), du = U(dependent);
        ulong hw = W(head), hp = P(head), hu = U(head);
        int dl = _left1[dependent], dr = _right1[dependent], hl = _left1[head], hr = _right1[head];
        ulong dlw = W(dl);

        f.Add(H(200, dir));
        f.Add(H(201, dir, dw));
        f.Add(H(202, dir, dp));
        f.Add(H(203, dir, du));
        f.Add(H(204, dir, hw));
        f.Add(H(205, dir, hp));
        f.Add(H(206, dir, hu));
        f.Add(H(207, dir, dw, hw));
        f.Add(H(208, dir, dp, hp));
        f.Add(H(209, dir, dw, hp));
        f.Add(H(210, dir, dp, hw));
        f.Add(H(211, dir, dp, hp, dist));
        f.Add(H(212, dir, du, hu));
        f.Add(H(213, dp, L(dl)));
        f.Add(H(214, dp, L(dr)));
        f.Add(H(215, dp, dlw));
        f.Add(H(216, hp, dlw, dir));
        f.Add(H(217, dp, _leftSet[dependent]));
        f.Add(H(218, dp, _rightSet[dependent]));
        f.Add(H(219, hp, _leftSet[head], dir));
        f.Add(H(220, hp, _rightSet[head], dir));
        f.Add(H(221, hp, L(hl), W(hl)));
        f.Add(H(222, hw, _leftSet[head], dir));
        f.Add(H(223, dp, P(dependent - 1), P(dependent + 1 <= n ? dependent + 1 : -1)));
        f.Add(H(224, hp, P(head - 1), P(head + 1 <= n ? head + 1 : -1)));
        f.Add(H(225, dp, (ulong)_leftCount[dependent], (ulong)_rightCount[dependent]));
        f.Add(H(226, dp, W(dr)));
        f.Add(H(227, dp, hp, _leftSet[head], dir));
        f.Add(H(228, dp, hp, dlw, dir));
        f.Add(H(229, hw, dp, dir));
        f.Add(H(230, dw, hp, dlw));
        f.Add(H(231, hp, L(hr), dir));
        f.Add(H(232, dp, hp, L(hl), dir));
        f.Add(H(233, dw, dir, dist));
        f.Add(H(234, dp, hp, W(dr), dir));
        f.Add(H(235, du, hu, P(dl), dir));
        // The first word of the sentence is capitalised whatever it is; later capitals mark names.
        f.Add(H(236, dp, dependent == 0 ? 1UL : 0UL, dir));
        ulong dx = X(dependent), hx = X(head);
        f.Add(H(237, dx, dir));
        f.Add(H(238, hx, dir));
        f.Add(H(239, dx, hx, dir));
        f.Add(H(240, dx, hp, dir));
        f.Add(H(241, dp, hx, _leftSet[head], dir));
        if (_clusterMap is not null)
        {
            ulong dc6 = C(dependent, 6), hc6 = C(head, 6);
            f.Add(H(242, dc6, dir));
            f.Add(H(243, hc6, dir));
            f.Add(H(244, C(dependent, 4), C(head, 4), dir));
        }
        features.Commit(f);
    }

    private void Ensure(int size)
    {
        if (size <= _capacity)
            return;
        Return();
        int capacity = Math.Max(size, 64);
        _words = ArrayPool<ulong>.Shared.Rent(capacity);
        _tags = ArrayPool<ulong>.Shared.Rent(capacity);
        _utags = ArrayPool<ulong>.Shared.Rent(capacity);
        _suffixes = ArrayPool<ulong>.Shared.Rent(capacity);
        _clusters = ArrayPool<int>.Shared.Rent(capacity);
        _leftSet = ArrayPool<ulong>.Shared.Rent(capacity);
        _rightSet = ArrayPool<ulong>.Shared.Rent(capacity);
        _stack = ArrayPool<int>.Shared.Rent(capacity);
        _heads = ArrayPool<int>.Shared.Rent(capacity);
        _labels = ArrayPool<int>.Shared.Rent(capacity);
        _left1 = ArrayPool<int>.Shared.Rent(capacity);
        _left2 = ArrayPool<int>.Shared.Rent(capacity);
        _right1 = ArrayPool<int>.Shared.Rent(capacity);
        _right2 = ArrayPool<int>.Shared.Rent(capacity);
        _leftCount = ArrayPool<int>.Shared.Rent(capacity);
        _rightCount = ArrayPool<int>.Shared.Rent(capacity);
        _capacity = capacity;
    }

    private void Return()
    {
        if (_capacity == 0)
            return;
        ArrayPool<ulong>.Shared.Return(_words);
        ArrayPool<ulong>.Shared.Return(_tags);
        ArrayPool<ulong>.Shared.Return(_utags);
        ArrayPool<ulong>.Shared.Return(_suffixes);
        ArrayPool<int>.Shared.Return(_clusters);
        if (_prefixes.Length > 0)
            ArrayPool<ulong>.Shared.Return(_prefixes);
        _prefixes = [];
        ArrayPool<ulong>.Shared.Return(_leftSet);
        ArrayPool<ulong>.Shared.Return(_rightSet);
        ArrayPool<int>.Shared.Return(_stack);
        ArrayPool<int>.Shared.Return(_heads);
        ArrayPool<int>.Shared.Return(_labels);
        ArrayPool<int>.Shared.Return(_left1);
        ArrayPool<int>.Shared.Return(_left2);
        ArrayPool<int>.Shared.Return(_right1);
        ArrayPool<int>.Shared.Return(_right2);
        ArrayPool<int>.Shared.Return(_leftCount);
        ArrayPool<int>.Shared.Return(_rightCount);
        _capacity = 0;
    }

    public void Dispose() => Return();
}
