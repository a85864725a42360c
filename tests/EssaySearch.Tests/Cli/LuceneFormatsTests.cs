using EssaySearch.Cli;
using EssaySearch.Schema;
using Lucene.Net.Codecs;
using Lucene.Net.Codecs.PerField;
using Lucene.Net.Util;

namespace EssaySearch.Tests.Cli;

public class LuceneFormatsTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    [Fact]
    public void The_command_knows_every_format_an_index_is_written_in()
    {
        using var reader = new IndexFolder(index.IndexFolder).OpenReader();
        var codecs = reader.Leaves.Select(leaf => ((Lucene.Net.Index.SegmentReader)leaf.AtomicReader).SegmentInfo.Info.Codec.Name).ToHashSet();
        var fields = reader.Leaves.SelectMany(leaf => leaf.AtomicReader.FieldInfos).ToList();
        var postings = fields.Select(field => field.GetAttribute(PerFieldPostingsFormat.PER_FIELD_FORMAT_KEY)).OfType<string>().ToHashSet();
        var docValues = fields.Select(field => field.GetAttribute(PerFieldDocValuesFormat.PER_FIELD_FORMAT_KEY)).OfType<string>().ToHashSet();
        Assert.NotEmpty(codecs);
        Assert.NotEmpty(postings);
        Assert.NotEmpty(docValues);

        var known = LuceneFormats.Factories();
        Assert.Subset(((IServiceListable)known.Codecs).AvailableServices.ToHashSet(), codecs);
        Assert.Subset(((IServiceListable)known.Postings).AvailableServices.ToHashSet(), postings);
        Assert.Subset(((IServiceListable)known.DocValues).AvailableServices.ToHashSet(), docValues);
        Assert.All(codecs, name => Assert.Equal(name, known.Codecs.GetCodec(name).Name));
        Assert.All(postings, name => Assert.Equal(name, known.Postings.GetPostingsFormat(name).Name));
        Assert.All(docValues, name => Assert.Equal(name, known.DocValues.GetDocValuesFormat(name).Name));
    }
}
