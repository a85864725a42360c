using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using EssaySearch.Schema;

namespace EssaySearch.Searching;

/// <summary>The essays of one build of the index and the documents of each, in corpus order; listed once, from the <c>essay</c> terms.</summary>
internal sealed class EssayCatalog
{
    private readonly Dictionary<string, (EssaySummary Summary, int[] Docs)> byId;

    private EssayCatalog(List<(EssaySummary Summary, int[] Docs)> essays)
    {
        Essays = essays.Select(e => e.Summary).ToList();
        byId = essays.ToDictionary(e => e.Summary.Essay, StringComparer.Ordinal);
    }

    public IReadOnlyList<EssaySummary> Essays { get; }

    /// <param name="reader">The build's reader.</param>
    /// <param name="files">The manifest's files, in corpus order.</param>
    public static EssayCatalog Read(IndexReader reader, IReadOnlyList<CorpusFile> files)
    {
        var essays = new List<(EssaySummary Summary, int[] Docs)>();
        var terms = MultiFields.GetTerms(reader, ParagraphFields.Essay);
        if (terms is not null)
        {
            var liveDocs = MultiFields.GetLiveDocs(reader);
            var termsEnum = terms.GetEnumerator();
            while (termsEnum.MoveNext())
            {
                var docs = new List<int>();
                var postings = termsEnum.Docs(liveDocs, null, DocsFlags.NONE);
                for (int doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
                    docs.Add(doc);
                if (docs.Count == 0)
                    continue;
                var first = ParagraphRecord.Read(reader, docs[0]);
                essays.Add((new EssaySummary(first.Essay, first.Title, first.Author, first.Published, first.Source, docs.Count), docs.ToArray()));
            }
        }
        // Not by document: an updated index holds changed essays after the others.
        var position = files.Select((file, i) => (file.Essay, i)).ToDictionary(f => f.Essay, f => f.i, StringComparer.Ordinal);
        essays.Sort((a, b) => position.GetValueOrDefault(a.Summary.Essay).CompareTo(position.GetValueOrDefault(b.Summary.Essay)));
        return new EssayCatalog(essays);
    }

    /// <summary>The essay's documents, in paragraph order; false when the index has no such essay.</summary>
    public bool TryGet(string essay, out EssaySummary summary, out int[] docs)
    {
        bool found = byId.TryGetValue(essay, out var entry);
        (summary, docs) = entry;
        return found;
    }
}
