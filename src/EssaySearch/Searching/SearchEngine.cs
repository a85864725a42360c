using System.Collections.ObjectModel;
using EssaySearch.Analysis;
using EssaySearch.Corpus;
using EssaySearch.Highlighting;
using EssaySearch.Schema;
using Lucene.Net.Search;

namespace EssaySearch.Searching;

/// <summary>
/// An open index that answers queries with ranked, highlighted paragraphs. Open it once and search
/// from any number of threads; dispose it to release the index files.
/// </summary>
/// <example>
/// <code>
/// IndexBuilder.EnsureCurrent(new BuildOptions("seeds", "index"));
/// using var engine = SearchEngine.Open("index");
/// var results = engine.Search("超级智能", new SearchOptions(Limit: 5));
/// foreach (var hit in results.Hits)
///     Console.WriteLine($"{hit.Rank}. {hit.Title} ¶{hit.Paragraph}: {hit.Snippet.Text}");
/// </code>
/// </example>
public sealed class SearchEngine : IDisposable
{
    private readonly IndexFolder folder;
    private readonly EngineOptions options;
    private readonly System.Threading.Lock refreshing = new();
    private volatile IndexSnapshot snapshot;
    private volatile bool disposed;

    private SearchEngine(IndexFolder folder, EngineOptions options, IndexSnapshot snapshot)
    {
        this.folder = folder;
        this.options = options;
        this.snapshot = snapshot;
    }

    /// <summary>The longest query, in characters (Unicode code points: an emoji is one), that <see cref="Search"/> and <see cref="ReadEssay"/> take; a longer one is a <see cref="EssaySearchErrorKind.BadQuery"/> error.</summary>
    public static int MaxQueryLength => QueryCompiler.MaxLength; // not a const, which callers would compile in

    /// <summary>What the open index was built from.</summary>
    public IndexManifest Manifest => snapshot.Manifest;

    /// <summary>The label of the open build (it changes with every rebuild); <c>null</c> for an index written before builds were labelled.</summary>
    public string? BuildId => snapshot.BuildId;

    /// <summary>
    /// Opens the index in <paramref name="indexFolder"/> as it is. Opening never builds: to bring an index up to date
    /// with its seeds first, call <see cref="Indexing.IndexBuilder.EnsureCurrent"/>.
    /// </summary>
    /// <exception cref="EssaySearchException">The index is missing (<see cref="EssaySearchErrorKind.IndexMissing"/>), damaged
    /// (<see cref="EssaySearchErrorKind.IndexDamaged"/>), or was built with another schema or analysis
    /// (<see cref="EssaySearchErrorKind.IndexIncompatible"/>).</exception>
    public static SearchEngine Open(string indexFolder, EngineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexFolder);
        options ??= new EngineOptions();
        // Its full path, once (IndexFolder.Root): a relative one would name another index after the process changes its directory,
        // and Refresh would switch to it. Messages name it as given, as a build's do.
        var folder = new IndexFolder(indexFolder);
        return new SearchEngine(folder, options, IndexSnapshot.Open(folder, options));
    }

    /// <summary>
    /// Switches to the index's latest build when it has been rebuilt since this engine opened it (by
    /// <c>search index</c> or <see cref="Indexing.IndexBuilder.Build"/>). Searches already running finish on the build
    /// they started on; the old build's files are released when the last of them ends.
    /// </summary>
    /// <returns>Whether a newer build was opened.</returns>
    /// <exception cref="EssaySearchException">The latest build cannot be opened; the engine keeps the one it has.</exception>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public bool Refresh()
    {
        lock (refreshing)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var previous = snapshot;
            // Reading the build label is cheap enough to poll; opening a reader is not.
            if (previous.BuildId is not null && folder.CurrentBuildId == previous.BuildId)
                return false;
            var latest = IndexSnapshot.Open(folder, options);
            if (latest.BuildId is not null && latest.BuildId == previous.BuildId)
            {
                latest.Release();
                return false;
            }
            snapshot = latest;
            previous.Release();
            return true;
        }
    }

    /// <summary>Searches the paragraphs. Safe to call from many threads at once, and while <see cref="Refresh"/> runs.</summary>
    /// <exception cref="EssaySearchException">The query is empty, too long, or has no searchable word (<see cref="EssaySearchErrorKind.BadQuery"/>),
    /// or the files it reads turn out damaged (<see cref="EssaySearchErrorKind.IndexDamaged"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public SearchResults Search(string query, SearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= new SearchOptions();
        options.Validate();
        return Use(index =>
        {
            int wanted = (int)Math.Clamp((long)options.Offset + options.Limit, 1, Math.Max(1, index.Reader.MaxDoc));
            var (attempt, top, totalExact) = Find(index, query, wanted, options.ExactTotal, options.LastWordAsPrefix);
            var page = top.ScoreDocs.Skip(options.Offset).Take(options.Limit).ToArray();
            var records = Read(index, page);
            var (highlights, titleHighlights) = Highlight(index, attempt, records, asWrittenOnPage: Math.Clamp(attempt.FoundAsWritten - options.Offset, 0, records.Length));
            var hits = page
                .Select((scored, i) => ToHit(records[i], index.FileOf(records[i].Essay), scored.Score, options.Offset + i + 1, highlights[i], titleHighlights[i], options))
                .ToList();
            return new SearchResults(query, top.TotalHits, totalExact, hits, attempt.Notice, attempt.Searched, attempt.LeftOut, attempt.Relaxation, attempt.AsPlainText,
                attempt.Translated ?? ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty, attempt.Unranked)
            {
                NotFound = attempt.NotFound ?? [],
                FoundAsWritten = attempt.FoundAsWritten,
                Split = attempt.Split ?? ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty,
            };
        });
    }

    /// <summary>
    /// The first of the query's attempts that finds anything (else the last), and its first <paramref name="wanted"/>
    /// paragraphs in rank order, with the total and whether it is exact (<see cref="TopParagraphs"/>). The first of a
    /// search's three steps (then <see cref="Read"/>, then <see cref="Highlight"/>), apart so that the benchmarks can time each
    /// (bench/EssaySearch.Benchmarks, <c>steps</c>).
    /// </summary>
    internal static (QueryAttempt Attempt, TopDocs Top, bool TotalExact) Find(IndexSnapshot index, string query, int wanted, bool exactTotal = false, bool lastWordAsPrefix = false)
    {
        QueryAttempt attempt = null!;
        TopDocs top = null!;
        bool exact = true;
        var lookup = index.Lookup();
        foreach (var next in index.Compiler.Compile(query, lastWordAsPrefix))
        {
            if (next.OnlyIf is { } precondition && !MatchesAny(index.Searcher, lookup.Prepare(precondition)))
                continue;
            attempt = next;
            if (!attempt.Relaxed)
            {
                (top, exact) = TopParagraphs.Search(index, lookup, lookup.Prepare(attempt.Query), wanted, exactTotal);
                if (top.TotalHits == 0)
                    continue;
                break;
            }
            // A question's paragraphs that have it as written come first, before the others its words find; counted exactly,
            // as the results say how many they are.
            var asWritten = attempt.AsWritten is { } first
                ? TopParagraphs.Search(index, lookup, lookup.Prepare(first.Query), wanted, exactTotal: true).Top
                : null;
            int before = asWritten?.ScoreDocs.Length ?? 0;
            // Relaxed: all matches are counted and scored, code below prose (CodeParagraphs), the first of them scored again (the
            // characters of words they lack, nearness).
            // In document order: the out-of-order scorer Lucene would pick for a disjunction allocates a table of
            // 2,048 buckets per segment for every query, which cost more than it saved here (see the README's speed section).
            bool rescored = attempt.Rescore is not null;
            var collector = index.Ranking.Collector(rescored ? Math.Max(wanted + before, Rescoring.Window) : wanted + before);
            index.RelaxedSearcher.Search(lookup.Prepare(attempt.Query), CodeParagraphs.Weighing(collector));
            top = collector.GetTopDocs();
            exact = true;
            if (top.TotalHits == 0 && before == 0)
                continue;
            // Set apart first, so that the second pass scores the best of the others.
            if (asWritten is { TotalHits: > 0 })
                top = Without(top, asWritten);
            if (attempt.Rescore is { } second)
                top = Rescoring.AddScores(index.RelaxedSearcher, lookup, second, top, index.Ranking);
            if (asWritten is { TotalHits: > 0 })
            {
                top = FirstThen(asWritten, top, wanted);
                attempt = attempt with { FoundAsWritten = asWritten.TotalHits, Notice = QueryCompiler.FoundAsWritten(attempt.Notice!, asWritten.TotalHits) };
            }
            attempt = NamingWordsNotFound(attempt, lookup);
            break;
        }
        // Nothing found: the words a relaxed attempt searched are named too (none of them is in a paragraph, mostly), where the
        // answer said nothing of why (什么时候该止盈, whose 止盈 no paragraph has).
        if (top.TotalHits == 0 && attempt.Relaxed)
            attempt = NamingWordsNotFound(attempt, lookup);
        return (attempt, top, exact);
    }

    /// <summary>
    /// <paramref name="attempt"/>, searched, naming its words in no paragraph: mostly a word mistyped (hashmpa 扩容), which the
    /// hits of the others would hide.
    /// </summary>
    private static QueryAttempt NamingWordsNotFound(QueryAttempt attempt, TermLookup lookup) =>
        attempt.Words?.Where(word => !lookup.CanMatch(word.Matches)).Select(word => word.Word).ToList() is { Count: > 0 } notFound
            ? attempt with { NotFound = notFound, Notice = $"{attempt.Notice}; in no paragraph: {string.Join(' ', notFound)}" }
            : attempt;

    /// <summary><paramref name="top"/>'s paragraphs but <paramref name="apart"/>'s, in their order; its total as it was.</summary>
    private static TopDocs Without(TopDocs top, TopDocs apart)
    {
        var set = apart.ScoreDocs.Select(scored => scored.Doc).ToHashSet();
        return new TopDocs(top.TotalHits, top.ScoreDocs.Where(scored => !set.Contains(scored.Doc)).ToArray(), top.MaxScore);
    }

    /// <summary>
    /// <paramref name="first"/>'s paragraphs, then <paramref name="then"/>'s (none of them <paramref name="first"/>'s), at most
    /// <paramref name="wanted"/>; as many in all as <paramref name="then"/> counted, which holds <paramref name="first"/>'s (a
    /// question's words are in every paragraph that has it as written).
    /// </summary>
    private static TopDocs FirstThen(TopDocs first, TopDocs then, int wanted) =>
        new(Math.Max(first.TotalHits, then.TotalHits), first.ScoreDocs.Concat(then.ScoreDocs).Take(wanted).ToArray(), Math.Max(first.MaxScore, then.MaxScore));

    /// <summary>The records of <paramref name="page"/>'s paragraphs, in its order.</summary>
    internal static ParagraphRecord[] Read(IndexSnapshot index, IEnumerable<ScoreDoc> page) =>
        page.Select(scored => index.Records.Read(scored.Doc)).ToArray();

    /// <summary>
    /// The matches of <paramref name="attempt"/> in each record's text, and in its essay's title; of a question's query as
    /// written in the first <paramref name="asWrittenOnPage"/> records, which it found (<see cref="QueryAttempt.AsWritten"/>).
    /// </summary>
    internal static (IReadOnlyList<FoundSpan>[] InText, IReadOnlyList<TextSpan>[] InTitle) Highlight(IndexSnapshot index, QueryAttempt attempt, ParagraphRecord[] records,
        int asWrittenOnPage = 0)
    {
        if (asWrittenOnPage > 0 && attempt.AsWritten is { } asWritten)
        {
            var (first, firstTitles) = Highlight(index, asWritten, records[..asWrittenOnPage]);
            var (rest, restTitles) = Highlight(index, attempt with { AsWritten = null }, records[asWrittenOnPage..]);
            return ([.. first, .. rest], [.. firstTitles, .. restTitles]);
        }
        // A page's hits are mostly of a few essays: each title is located once.
        var titles = records.Select(record => record.Title).Distinct().ToArray();
        var inTitles = titles.Zip(MatchLocator.Locate(index.Analysis, titles, attempt.TitleTargets)).ToDictionary();
        return (MatchLocator.LocateFound(index.Analysis, records.Select(record => record.Text).ToArray(), attempt.Targets),
            records.Select(record => inTitles[record.Title]).ToArray());
    }

    /// <summary>Which of <paramref name="docs"/> (an essay's paragraphs) match <paramref name="query"/>, without scoring the rest of the index.</summary>
    private static HashSet<int> Matching(IndexSnapshot index, Query query, int[] docs)
    {
        var weight = index.Searcher.CreateNormalizedWeight(index.Lookup().Prepare(query));
        var matching = new HashSet<int>();
        foreach (var leaf in index.Reader.Leaves)
        {
            var inLeaf = docs.Where(doc => doc >= leaf.DocBase && doc < leaf.DocBase + leaf.Reader.MaxDoc).Order().ToArray();
            if (inLeaf.Length == 0 || weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is not { } scorer)
                continue;
            foreach (int doc in inLeaf)
            {
                int at = scorer.DocID < doc - leaf.DocBase ? scorer.Advance(doc - leaf.DocBase) : scorer.DocID;
                if (at == DocIdSetIterator.NO_MORE_DOCS)
                    break;
                if (at == doc - leaf.DocBase)
                    matching.Add(doc);
            }
        }
        return matching;
    }

    /// <summary>Whether any paragraph matches <paramref name="query"/>: it stops at the first, where a search would score them all.</summary>
    private static bool MatchesAny(IndexSearcher searcher, Query query)
    {
        var weight = searcher.CreateNormalizedWeight(query);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            if (weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is { } scorer && scorer.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                return true;
        }
        return false;
    }

    /// <summary>The essays in the index, in corpus order, with their paragraph counts.</summary>
    /// <exception cref="EssaySearchException">The files it reads turn out damaged (<see cref="EssaySearchErrorKind.IndexDamaged"/>).</exception>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public IReadOnlyList<EssaySummary> Essays() => Use(index => index.Essays.Essays);

    /// <summary>
    /// Every paragraph of one essay, in order; with a <paramref name="query"/>, each paragraph's matches of it are
    /// highlighted (as in <see cref="Search"/>; a blank query is none). <c>null</c> when the index has no such essay.
    /// </summary>
    /// <param name="essay">The essay's id.</param>
    /// <param name="query">The query to highlight, or null.</param>
    /// <param name="lastWordAsPrefix">The query's last word also marks the words it starts, as in <see cref="SearchOptions.LastWordAsPrefix"/>.</param>
    /// <exception cref="EssaySearchException">The query is too long or has no searchable word (<see cref="EssaySearchErrorKind.BadQuery"/>),
    /// or the files it reads turn out damaged (<see cref="EssaySearchErrorKind.IndexDamaged"/>).</exception>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public EssayText? ReadEssay(string essay, string? query = null, bool lastWordAsPrefix = false)
    {
        ArgumentNullException.ThrowIfNull(essay);
        return Use(index =>
        {
            var docs = EssayCatalog.Find(index.Reader, essay);
            if (docs.Length == 0)
                return null;
            var all = docs.Select(index.Records.Read).ToArray();
            var summary = EssayCatalog.Summarize(all[0], all.Length, index.FileOf);
            var (records, recordDocs) = (all.Where(record => !record.StandsIn).ToArray(), docs.Where((_, i) => !all[i].StandsIn).ToArray());
            var texts = records.Select(record => record.Text).ToArray();
            // The query as Search answers it, strictly or relaxed: the attempt it finds hits with in the whole index, not the
            // first with a match in this essay, which would mark the 的 and 是 a relaxed query left out.
            // A blank query marks nothing, as none does (and as /api/essays/{id}?q= reads it), rather than failing as Search fails on it.
            var attempt = string.IsNullOrWhiteSpace(query) ? null : Find(index, query, 1, lastWordAsPrefix: lastWordAsPrefix).Attempt;
            var highlights = MatchLocator.Locate(index.Analysis, texts, attempt?.Targets ?? []);
            // A question's paragraphs that have it as written are marked as its hits mark them.
            if (attempt?.AsWritten is { } asWritten && Matching(index, asWritten.Query, recordDocs) is { Count: > 0 } written)
            {
                var which = Enumerable.Range(0, texts.Length).Where(i => written.Contains(recordDocs[i])).ToArray();
                var marked = MatchLocator.Locate(index.Analysis, which.Select(i => texts[i]).ToArray(), asWritten.Targets);
                for (int k = 0; k < which.Length; k++)
                    highlights[which[k]] = marked[k];
            }
            var titleHighlights = MatchLocator.Locate(index.Analysis, [summary.Title], attempt?.TitleTargets ?? [])[0];
            var paragraphs = records
                .Select((record, i) => new EssayParagraph(record.Paragraph, record.Section, record.Line, record.Text, record.Code, highlights[i]))
                .OrderBy(p => p.Paragraph)
                .ToList();
            return new EssayText(summary, titleHighlights, paragraphs, attempt?.Searched, attempt?.Relaxation ?? Relaxation.None, attempt?.Notice, attempt?.Unranked ?? false);
        });
    }

    /// <summary>
    /// Whether the open build still describes <paramref name="seedsFolder"/> (a directory listing; unchanged files are
    /// not re-read), <paramref name="userDictionary"/> and <paramref name="fallbackEncoding"/>, as
    /// <see cref="Indexing.IndexBuilder.CheckFreshness"/> would find with the same folder, dictionary and encoding, without
    /// opening the index again.
    /// </summary>
    /// <param name="seedsFolder">The folder the build should describe.</param>
    /// <param name="userDictionary">The user dictionary the build should have been made with; <c>null</c> for none.</param>
    /// <param name="fallbackEncoding">The encoding the build should read files that are not UTF-8 with
    /// (<see cref="Indexing.BuildOptions.FallbackEncoding"/>); <c>null</c> for none. Files it left out are read again in another.</param>
    /// <param name="verifyChecksums">Also read every file of the build to verify its checksum, as <see cref="Indexing.IndexBuilder.CheckFreshness"/>
    /// does when asked: damage found so is told as a build that is not current and needs a full build (<see cref="IndexFreshness.NeedsFullBuild"/>).</param>
    /// <exception cref="EssaySearchException">The seeds folder cannot be listed or holds no essays (<see cref="EssaySearchErrorKind.BadCorpus"/>),
    /// or the user dictionary cannot be read (<see cref="EssaySearchErrorKind.BadUserDictionary"/>).</exception>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public IndexFreshness CheckFreshness(string seedsFolder, string? userDictionary = null, System.Text.Encoding? fallbackEncoding = null, bool verifyChecksums = false)
    {
        var seeds = CorpusReader.EssayFiles(seedsFolder);
        string userWords = JiebaDictionary.ReadUserWords(userDictionary);
        ObjectDisposedException.ThrowIf(disposed, this);
        IndexManifest build;
        try
        {
            build = Use(index =>
            {
                if (verifyChecksums)
                    IndexFolder.VerifyChecksums(index.Reader);
                return index.Manifest; // of the build verified, should a refresh swap another in meanwhile
            });
        }
        catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.IndexDamaged)
        {
            return IndexFreshness.Of(e);
        }
        return build.CompareWith(seeds, userWords, fallbackEncoding?.WebName ?? "");
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the current build, which stays open until it returns. Damage that opening could
    /// not see (bytes overwritten inside a record or postings) is met here, as the error an index problem is.
    /// </summary>
    private T Use<T>(Func<IndexSnapshot, T> read)
    {
        var index = Acquire();
        try
        {
            return read(index);
        }
        catch (Exception e) when (IndexFolder.IsReadFault(e))
        {
            throw index.Folder.Damaged(e);
        }
        finally
        {
            index.Release();
        }
    }

    private IndexSnapshot Acquire()
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var current = snapshot;
            if (current.TryAcquire())
                return current;
        }
    }

    private static Hit ToHit(ParagraphRecord record, string file, float score, int rank, IReadOnlyList<FoundSpan> found, IReadOnlyList<TextSpan> titleHighlights, SearchOptions options)
    {
        string text = record.Text;
        var highlights = found.Select(match => match.Span).ToList();
        var snippet = options.WholeParagraph
            ? new Snippet(text, highlights)
            : SnippetBuilder.Build(text, found, options.SnippetLength);
        return new Hit(
            rank,
            score,
            record.Essay,
            record.Title,
            titleHighlights,
            record.Author,
            record.Published,
            record.Section,
            record.Paragraph,
            file,
            record.Line,
            text,
            record.Code,
            highlights,
            snippet);
    }

    /// <summary>Releases the index files once searches still running have finished.</summary>
    public void Dispose()
    {
        lock (refreshing)
        {
            if (disposed)
                return;
            disposed = true;
            snapshot.Release();
        }
    }
}
