using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace EssaySearch.Searching;

/// <summary>
/// How a relaxed query ranks (see <see cref="QueryCompiler"/>): Lucene's TF-IDF (<see cref="DefaultSimilarity"/>), with
/// three changes. A paragraph's length does not count: a question says what it is about, and a short paragraph that
/// names its subject once (a heading, a caption) would otherwise outrank the paragraphs that answer. A phrase (a word
/// the index holds as several tokens) weighs as much as its rarest token, not as the sum of them all: a word counts
/// once, whether the index holds it as one token or as three characters. And scores are not normalized by the query's
/// weights (which scales every score of a query alike), so that a second query's scores add to the first's as the
/// scores of one query's clauses do (<see cref="Rescoring"/>).
/// </summary>
/// <remarks>Reads the same statistics as the default similarity (a term's document frequency, the number of documents), so
/// <see cref="LiveStatisticsSearcher"/> serves it too.</remarks>
internal sealed class RelaxedSimilarity : TFIDFSimilarity
{
    private static readonly DefaultSimilarity Default = new();

    public override float DecodeNormValue(long norm) => 1f;

    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats) =>
        termStats.Select(term => IdfExplain(collectionStats, term)).MaxBy(idf => idf.Value)!;

    public override float Coord(int overlap, int maxOverlap) => Default.Coord(overlap, maxOverlap);
    public override float QueryNorm(float sumOfSquaredWeights) => 1f;
    public override float Tf(float freq) => Default.Tf(freq);
    public override float Idf(long docFreq, long numDocs) => Default.Idf(docFreq, numDocs);
    public override float SloppyFreq(int distance) => Default.SloppyFreq(distance);
    public override float ScorePayload(int doc, int start, int end, BytesRef payload) => Default.ScorePayload(doc, start, end, payload);

    // Index time: norms are written by the default similarity, which the index is built with.
    public override float LengthNorm(FieldInvertState state) => Default.LengthNorm(state);
    public override long EncodeNormValue(float f) => Default.EncodeNormValue(f);
}
