using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Lucene41;
using Lucene.Net.Codecs.Lucene45;
using Lucene.Net.Codecs.Lucene46;

namespace EssaySearch.Cli;

/// <summary>
/// The Lucene formats the command reads and writes. Lucene.Net finds a codec or format by the name an index records,
/// scanning its whole assembly by reflection the first time it is asked, a visible part of a one-query run's start-up;
/// the command names the few that its indexes are written in instead. These are process-wide settings, so the library
/// leaves them to the program that hosts it.
/// </summary>
internal static class LuceneFormats
{
    /// <summary>Makes Lucene.Net look up codecs and formats among <see cref="Factories"/> only.</summary>
    public static void Register()
    {
        var (codecs, postings, docValues) = Factories();
        Codec.SetCodecFactory(codecs);
        PostingsFormat.SetPostingsFormatFactory(postings);
        DocValuesFormat.SetDocValuesFormatFactory(docValues);
    }

    /// <summary>Factories that know only the codec, postings format and doc-values format the library's indexes use.</summary>
    public static (ICodecFactory Codecs, IPostingsFormatFactory Postings, IDocValuesFormatFactory DocValues) Factories() =>
        (new Codecs(), new Postings(), new DocValues());

    private sealed class Codecs : DefaultCodecFactory
    {
        protected override void Initialize() => PutCodecType(typeof(Lucene46Codec));
    }

    private sealed class Postings : DefaultPostingsFormatFactory
    {
        protected override void Initialize() => PutPostingsFormatType(typeof(Lucene41PostingsFormat));
    }

    private sealed class DocValues : DefaultDocValuesFormatFactory
    {
        protected override void Initialize() => PutDocValuesFormatType(typeof(Lucene45DocValuesFormat));
    }
}
