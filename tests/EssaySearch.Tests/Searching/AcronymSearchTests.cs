using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>
/// Acronyms and names typed as they are written (iOS, HTTPS, CAS: two capitals or more, a capital last) find the word as
/// written, where their stems found others (iOS as io found IO, I/O and grpc.io; HTTPS as http found HTTP; CAS as ca
/// found CA); a word typed in lower case or capitalised is stemmed as before (https finds HTTP, GPUs finds GPU).
/// </summary>
public sealed class AcronymSearchTests : IDisposable, IClassFixture<SeedIndex>
{
    private readonly NotesIndex notes = new(
        ("mobile.md", "# 移动端\n\n苹果的 iOS 系统很流行。\n\nIOS 和 Android 都要适配。\n\n接口返回的 ios 字段是版本号。\n\n手机上装了很多 App。\n"),
        ("io.md", "# 输入输出\n\n磁盘 I/O 是瓶颈。\n\nJava 的 IO 系统分为字节流和字符流。\n\n文档在 grpc.io 上。\n\n服务器有 8 块 GPU。\n"),
        ("web.md", "# 网络\n\nHTTPS 在 HTTP 之上加了 TLS。\n\n这一段只讲 HTTP 协议。\n\n证书由 CA 签发。\n\n并发里常用 CAS 操作。\n"));

    private readonly SearchEngine engine;
    private readonly SeedIndex seeds;

    public AcronymSearchTests(SeedIndex seeds)
    {
        this.seeds = seeds;
        engine = notes.Engine;
    }

    public void Dispose() => notes.Dispose();

    /// <summary>Each hit as essay ¶paragraph, with the text each highlight marks; the snippet marks the same.</summary>
    private List<string> Found(string query, bool lastWordAsPrefix = false)
    {
        var hits = engine.Search(query, new SearchOptions(Limit: 100, LastWordAsPrefix: lastWordAsPrefix)).Hits;
        foreach (var hit in hits)
            Assert.Equal(Marked(hit.Text, hit.Highlights), Marked(hit.Snippet.Text, hit.Snippet.Highlights));
        return hits.Select(hit => $"{hit.Essay} ¶{hit.Paragraph}: {Marked(hit.Text, hit.Highlights)}").Order(StringComparer.Ordinal).ToList();
    }

    private static string Marked(string text, IReadOnlyList<Highlighting.TextSpan> spans) =>
        string.Join(" | ", spans.Select(span => text[span.Start..span.End]));

    [Theory]
    [InlineData("iOS", "mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios")]
    [InlineData("IOS", "mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios")]
    [InlineData("ｉＯＳ", "mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios")] // full-width, from an input method
    [InlineData("text:iOS", "mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios")]
    [InlineData("iOS系统", "mobile ¶1: iOS 系统")]
    [InlineData("\"iOS 系统\"", "mobile ¶1: iOS 系统")]
    [InlineData("IO", "io ¶2: IO", "io ¶3: io")] // grpc.io: a part of a word is a word as written
    [InlineData("HTTPS", "web ¶1: HTTPS")]
    [InlineData("HTTP", "web ¶1: HTTP", "web ¶2: HTTP")]
    [InlineData("CAS", "web ¶4: CAS")]
    [InlineData("CA", "web ¶3: CA")]
    public void A_word_typed_in_capitals_finds_and_marks_the_word_as_written(string query, params string[] hits) =>
        Assert.Equal(hits, Found(query));

    /// <summary>A word typed in lower case or capitalised is a word with its endings, stemmed as in the text.</summary>
    [Theory]
    [InlineData("https", "web ¶1: HTTPS | HTTP", "web ¶2: HTTP")]
    [InlineData("io", "io ¶2: IO", "io ¶3: io", "mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios")]
    [InlineData("GPUs", "io ¶4: GPU")]
    [InlineData("apps", "mobile ¶4: App")]
    public void A_word_typed_otherwise_is_stemmed_as_before(string query, params string[] hits) =>
        Assert.Equal(hits, Found(query));

    /// <summary>Relaxed to any of its words, a query matches such a word as written too.</summary>
    [Fact]
    public void A_relaxed_query_finds_the_word_as_written()
    {
        Assert.Equal(Relaxation.Words, engine.Search("iOS 鸿蒙").Relaxation);
        Assert.Equal(["mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios"], Found("iOS 鸿蒙"));
    }

    /// <summary>The search page reads the last word as typed: it and the command line agree.</summary>
    [Theory]
    [InlineData("iOS")]
    [InlineData("HTTPS")]
    [InlineData("CAS")]
    public void The_search_page_finds_what_the_command_line_does(string query) =>
        Assert.Equal(Found(query), Found(query, lastWordAsPrefix: true));

    /// <summary>A trailing * starts words as written, unstemmed: iOS is held as io in the word field, which ios* missed.</summary>
    [Theory]
    [InlineData("ios*", "mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios")]
    [InlineData("iOS*", "mobile ¶1: iOS", "mobile ¶2: IOS", "mobile ¶3: ios")]
    [InlineData("http*", "web ¶1: HTTPS | HTTP", "web ¶2: HTTP")]
    public void A_trailing_star_starts_words_as_written(string query, params string[] hits) =>
        Assert.Equal(hits, Found(query));

    /// <summary>
    /// A word in capitals that no stem changes (OpenAI, AGI, ChatGPT) finds and ranks the seeds' paragraphs exactly as typed in
    /// lower case: the same paragraphs, the same scores, as strict queries ranked before acronyms were told apart.
    /// </summary>
    [Theory]
    [InlineData("OpenAI", "openai")]
    [InlineData("AGI", "agi")]
    [InlineData("ChatGPT", "chatgpt")]
    [InlineData("GPT-4", "gpt-4")]
    [InlineData("OpenAI 治理", "openai 治理")]
    public void A_word_in_capitals_no_stem_changes_ranks_as_in_lower_case(string capitals, string lower)
    {
        using var engine = SearchEngine.Open(seeds.IndexFolder);
        var options = new SearchOptions(Limit: 100);
        Assert.Equal(
            engine.Search(lower, options).Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Score, hit.Highlights.Count)),
            engine.Search(capitals, options).Hits.Select(hit => (hit.Essay, hit.Paragraph, hit.Score, hit.Highlights.Count)));
    }
}
