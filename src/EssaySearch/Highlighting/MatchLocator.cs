using EssaySearch.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Highlighting;

/// <summary>
/// Finds where a paragraph's matches are by analyzing its text again, with the analysis it was indexed with: the
/// index keeps positions but no offsets (offsets were a sixth of its size), and analysis is deterministic, so the
/// tokens, positions and offsets are exactly the ones indexed. Only the paragraphs shown are analyzed. A phrase yields
/// one span from its first token's start to its last token's end; overlapping and touching spans are merged.
/// </summary>
internal static class MatchLocator
{
    /// <summary>The merged match spans in each of <paramref name="texts"/>, in the same order.</summary>
    /// <param name="analysis">The per-field analysis the index was built with.</param>
    /// <param name="texts">The paragraph texts, as indexed.</param>
    /// <param name="targets">What the query matches.</param>
    public static IReadOnlyList<TextSpan>[] Locate(Analyzer analysis, IReadOnlyList<string> texts, IReadOnlyList<MatchTarget> targets) =>
        Array.ConvertAll(LocateFound(analysis, texts, targets), found => (IReadOnlyList<TextSpan>)found.Select(match => match.Span).ToList());

    /// <summary>
    /// The merged match spans in each of <paramref name="texts"/>, as <see cref="Locate"/>, each with the index in
    /// <paramref name="targets"/> of the target that found it (of spans merged, the first's). A Han run of the bigram field
    /// is searched for in the text (<see cref="HanRunSearch"/>) and an ASCII word looked for among the text's ASCII tokens
    /// (<see cref="AsciiWordSearch"/>); the paragraph is analyzed for the other targets only, and
    /// with <paramref name="analyzeEveryTarget"/> for every one: the spans the two shortcuts must equal (<c>PropertyTests</c>).
    /// </summary>
    public static IReadOnlyList<FoundSpan>[] LocateFound(Analyzer analysis, IReadOnlyList<string> texts, IReadOnlyList<MatchTarget> targets,
        bool analyzeEveryTarget = false)
    {
        var numbers = new Dictionary<MatchTarget, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < targets.Count; i++)
            numbers.TryAdd(targets[i], i);
        var fields = targets.GroupBy(target => target.Terms[0].Field)
            .Select(field => new FieldTargets(field.Key, [.. field], analyzeEveryTarget))
            .ToArray();
        return texts.Select(text =>
        {
            var spans = new List<FoundSpan>();
            string? searchable = null;
            foreach (var field in fields)
            {
                bool runsSearched = field.Runs.Length > 0 && (searchable ??= HanRunSearch.Searchable(text)) is not null;
                if (runsSearched)
                {
                    foreach (var (target, run) in field.Runs)
                        spans.AddRange(HanRunSearch.Find(searchable!, run).Select(span => new FoundSpan(span, numbers[target])));
                }
                if (field.Words.Count > 0)
                {
                    foreach (var (span, word) in AsciiWordSearch.Find(analysis, field.Name, text, field.Words))
                        spans.Add(new FoundSpan(span, numbers[field.Words[word]]));
                }
                bool withRuns = !runsSearched && field.Runs.Length > 0;
                var analyzed = withRuns ? field.AnalyzedWithRuns : field.Analyzed;
                if (analyzed.Length == 0)
                    continue;
                var occurrences = Occurrences(analysis, field.Name, text, withRuns ? field.SoughtWithRuns : field.Sought);
                foreach (var target in analyzed)
                {
                    var found = new List<TextSpan>();
                    if (target.IsPrefix)
                        AddPrefixOccurrences(occurrences, target.Terms[0].Text, found);
                    else
                        AddPhraseOccurrences(text, occurrences, target, found);
                    spans.AddRange(found.Select(span => new FoundSpan(span, numbers[target])));
                }
            }
            return (IReadOnlyList<FoundSpan>)Merge(text, spans);
        }).ToArray();
    }

    /// <summary>
    /// One field's targets, by how they are found: <see cref="Runs"/> by <see cref="HanRunSearch"/> (analyzed too where a
    /// text cannot be searched so), <see cref="Words"/> by <see cref="AsciiWordSearch"/> (each word's first target), the
    /// rest by analyzing the text, keeping the tokens <see cref="Sought"/>.
    /// </summary>
    private sealed class FieldTargets
    {
        private Func<ReadOnlySpan<char>, bool>? sought, soughtWithRuns;

        public FieldTargets(string name, MatchTarget[] targets, bool analyzeEveryTarget)
        {
            Name = name;
            var runs = new List<(MatchTarget, string)>();
            var analyzed = new List<MatchTarget>();
            foreach (var target in targets)
            {
                if (analyzeEveryTarget)
                    analyzed.Add(target);
                else if (HanRunSearch.RunOf(target) is { } run)
                    runs.Add((target, run));
                else if (AsciiWordSearch.WordOf(target) is { } word)
                    Words.TryAdd(word, target);
                else
                    analyzed.Add(target);
            }
            Runs = [.. runs];
            Analyzed = [.. analyzed];
            AnalyzedWithRuns = [.. analyzed, .. runs.Select(run => run.Item1)];
        }

        public string Name { get; }
        public (MatchTarget Target, string Run)[] Runs { get; }
        public Dictionary<string, MatchTarget> Words { get; } = new(StringComparer.Ordinal);
        public MatchTarget[] Analyzed { get; }
        public MatchTarget[] AnalyzedWithRuns { get; }
        public Func<ReadOnlySpan<char>, bool> Sought => sought ??= MatchLocator.Sought(Analyzed);
        public Func<ReadOnlySpan<char>, bool> SoughtWithRuns => soughtWithRuns ??= MatchLocator.Sought(AnalyzedWithRuns);
    }

    private static void AddPhraseOccurrences(string text, Dictionary<string, Dictionary<int, TextSpan>> occurrences, MatchTarget target, List<TextSpan> spans)
    {
        var positions = new Dictionary<int, TextSpan>[target.Terms.Length];
        int last = target.Terms.Length - 1;
        for (int i = 0; i < positions.Length; i++)
        {
            if (target.Continued?[i] == true)
                positions[i] = Starting(text, occurrences, target.Terms[i].Text);
            else if (!occurrences.TryGetValue(target.Terms[i].Text, out positions[i]!))
                return;
        }
        foreach (var (position, first) in positions[0])
        {
            int origin = position - target.Positions[0];
            bool all = true;
            for (int i = 1; i <= last && all; i++)
                all = positions[i].ContainsKey(origin + target.Positions[i]);
            if (all)
                spans.Add(new TextSpan(first.Start, Math.Max(first.End, positions[last][origin + target.Positions[last]].End)));
        }
    }

    /// <summary>Where a token that starts with <paramref name="character"/> stands, with the span of its first character alone.</summary>
    private static Dictionary<int, TextSpan> Starting(string text, Dictionary<string, Dictionary<int, TextSpan>> occurrences, string character)
    {
        var starting = new Dictionary<int, TextSpan>();
        foreach (var (term, positions) in occurrences)
        {
            if (term.StartsWith(character, StringComparison.Ordinal))
            {
                foreach (var (position, span) in positions)
                    starting[position] = new TextSpan(span.Start, span.Start + (char.IsHighSurrogate(text[span.Start]) ? 2 : 1));
            }
        }
        return starting;
    }

    private static void AddPrefixOccurrences(Dictionary<string, Dictionary<int, TextSpan>> occurrences, string prefix, List<TextSpan> spans)
    {
        foreach (var (term, positions) in occurrences)
        {
            if (term.StartsWith(prefix, StringComparison.Ordinal))
                spans.AddRange(positions.Values);
        }
    }

    /// <summary>Whether a term is one of <paramref name="targets"/>' terms or extends one of their prefixes.</summary>
    private static Func<ReadOnlySpan<char>, bool> Sought(IEnumerable<MatchTarget> targets)
    {
        var terms = targets.Where(target => !target.IsPrefix).SelectMany(target => target.Terms)
            .Select(term => term.Text).ToHashSet(StringComparer.Ordinal);
        var prefixes = targets.Where(target => target.IsPrefix).Select(target => target.Terms[0].Text)
            .Concat(targets.Where(target => target.Continued is not null).SelectMany(target => target.Terms.Where((_, i) => target.Continued![i]))
                .Select(term => term.Text)).ToArray();
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        return term =>
        {
            if (lookup.Contains(term))
                return true;
            foreach (var prefix in prefixes)
            {
                if (term.StartsWith(prefix, StringComparison.Ordinal))
                    return true;
            }
            return false;
        };
    }

    /// <summary>
    /// Term → position → offsets of the tokens of <paramref name="text"/> in <paramref name="field"/> that are
    /// <paramref name="sought"/>, positions counted as the index writer counts them. Only those are kept: a paragraph
    /// may be megabytes long.
    /// </summary>
    internal static Dictionary<string, Dictionary<int, TextSpan>> Occurrences(Analyzer analysis, string field, string text, Func<ReadOnlySpan<char>, bool> sought)
    {
        var occurrences = new Dictionary<string, Dictionary<int, TextSpan>>(StringComparer.Ordinal);
        using var stream = analysis.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        int position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            var chars = term.Buffer.AsSpan(0, term.Length);
            if (!sought(chars))
                continue;
            string key = chars.ToString();
            if (!occurrences.TryGetValue(key, out var positions))
                occurrences[key] = positions = [];
            // Two parts of one word may stem alike (running.runs): the first stands for the term at the word's position.
            positions.TryAdd(position, new TextSpan(offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return occurrences;
    }

    private static List<FoundSpan> Merge(string text, List<FoundSpan> spans)
    {
        spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.End.CompareTo(a.Span.End));
        var merged = new List<FoundSpan>(spans.Count);
        foreach (var found in spans)
        {
            if (merged.Count > 0 && Touch(text, merged[^1].Span.End, found.Span.Start))
                merged[^1] = merged[^1] with { Span = merged[^1].Span with { End = Math.Max(merged[^1].Span.End, found.Span.End) } };
            else
                merged.Add(found);
        }
        return merged;
    }

    /// <summary>
    /// Whether a span that ends at <paramref name="end"/> and one that starts at <paramref name="start"/> (not before the
    /// first) overlap or touch: with nothing between them but format characters, which the analysis leaves out.
    /// </summary>
    private static bool Touch(string text, int end, int start) =>
        start <= end || !text.AsSpan(end, start - end).ContainsAnyExcept(FormatCharacterFilter.Characters);
}
