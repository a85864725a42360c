using System.Net;
using System.Text;
using System.Text.Json;
using EssaySearch.Indexing;
using EssaySearch.Tests.Cli;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Server;

/// <summary>The JSON API of <c>search serve</c>, over HTTP on a real Kestrel.</summary>
public sealed class ServerApiTests(RunningServer server) : IClassFixture<RunningServer>
{
    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Get(string path)
    {
        var response = await server.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static string Q(string query) => Uri.EscapeDataString(query);

    [Fact]
    public async Task Search_answers_exactly_what_search_json_writes()
    {
        var (status, body, response) = await Get($"/api/search?q={Q("智能")}&limit=30");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        SearchJson.AssertSchema(body, "智能", 23);
        var cli = SearchCommand.Run("", "--json", "智能", "-n", "30", "--seeds", server.Seeds, "--index", server.IndexFolder);
        Assert.Equal(cli.Out.TrimEnd('\n'), body);
    }

    [Fact]
    public async Task A_query_being_typed_finds_the_words_its_last_word_starts_in_the_hits_and_in_the_essay()
    {
        using var typed = JsonDocument.Parse((await Get($"/api/search?q=opena&last_word_as_prefix=true")).Body);
        using var exact = JsonDocument.Parse((await Get($"/api/search?q=opena")).Body);
        Assert.Equal(0, exact.RootElement.GetProperty("total").GetInt32());
        var hit = typed.RootElement.GetProperty("hits").EnumerateArray().First();
        var highlight = hit.GetProperty("highlights")[0];
        Assert.Equal("OpenAI", hit.GetProperty("text").GetString()![highlight[0].GetInt32()..highlight[1].GetInt32()]);

        string essay = $"/api/essays/{hit.GetProperty("essay").GetString()}?q=opena";
        Assert.Contains("\"highlights\":[[", (await Get(essay + "&last_word_as_prefix=true")).Body);
        Assert.DoesNotContain("\"highlights\":[[", (await Get(essay)).Body);
    }

    [Fact]
    public async Task An_essay_read_for_a_query_not_understood_as_given_carries_its_notice()
    {
        string essay = $"/api/essays/{TestData.GentleSingularity}";
        using var excluding = JsonDocument.Parse((await Get($"{essay}?q={Q("-智能")}")).Body);
        Assert.StartsWith("the query only excludes words", excluding.RootElement.GetProperty("notice").GetString());
        Assert.True(excluding.RootElement.GetProperty("unranked").GetBoolean());
        using var relaxed = JsonDocument.Parse((await Get($"{essay}?q={Q("奥特曼对未来有什么看法")}")).Body);
        Assert.StartsWith("no paragraph has the query as written", relaxed.RootElement.GetProperty("notice").GetString());
        Assert.False(relaxed.RootElement.TryGetProperty("unranked", out _));
        using var strict = JsonDocument.Parse((await Get($"{essay}?q={Q("智能")}")).Body);
        Assert.False(strict.RootElement.TryGetProperty("notice", out _));
    }

    [Fact]
    public async Task Search_pages_with_limit_and_offset_and_full_returns_whole_paragraphs()
    {
        using var all = JsonDocument.Parse((await Get($"/api/search?q={Q("智能")}&limit=23")).Body);
        using var page = JsonDocument.Parse((await Get($"/api/search?q={Q("智能")}&limit=5&offset=10&full=true")).Body);
        var expected = all.RootElement.GetProperty("hits").EnumerateArray().Skip(10).Take(5).ToList();
        var hits = page.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(23, page.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(expected.Select(h => h.GetProperty("rank").GetInt32()), hits.Select(h => h.GetProperty("rank").GetInt32()));
        Assert.All(hits, h => Assert.Equal(h.GetProperty("text").GetString(), h.GetProperty("snippet").GetString()));
    }

    [Theory]
    [InlineData("/api/search", HttpStatusCode.BadRequest, "empty")]
    [InlineData("/api/search?q=%E3%80%82%E3%80%82", HttpStatusCode.BadRequest, "no searchable words")]
    [InlineData("/api/search?q=ai&limit=0", HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 100")]
    [InlineData("/api/search?q=ai&limit=101", HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 100")]
    [InlineData("/api/search?q=ai&limit=abc", HttpStatusCode.BadRequest, "not 'abc'")]
    [InlineData("/api/search?q=ai&offset=-1", HttpStatusCode.BadRequest, "offset must be")]
    [InlineData("/api/search?q=ai&full=maybe", HttpStatusCode.BadRequest, "full must be true or false")]
    [InlineData("/api/search?q=ai&exact_total=yes", HttpStatusCode.BadRequest, "exact_total must be true or false (or 1 or 0), not 'yes'")]
    [InlineData("/api/search?q=ai&last_word_as_prefix=yes", HttpStatusCode.BadRequest, "last_word_as_prefix must be true or false (or 1 or 0), not 'yes'")]
    [InlineData("/api/search?q=ai&q=openai", HttpStatusCode.BadRequest, "q is given more than once")]
    [InlineData("/api/search?q=ai&limit=1&limit=2", HttpStatusCode.BadRequest, "limit is given more than once")]
    [InlineData("/api/search?q=ai&Q=openai", HttpStatusCode.BadRequest, "q is given more than once")] // names are case-insensitive
    [InlineData("/api/search?Q=ai&q=openai", HttpStatusCode.BadRequest, "q is given more than once")]
    [InlineData("/api/search?q=ai&lmit=5", HttpStatusCode.BadRequest, "unknown parameter 'lmit' (parameters: q, limit, offset, full, exact_total, last_word_as_prefix)")]
    [InlineData("/api/search?q=ai&=5", HttpStatusCode.BadRequest, "a parameter without a name (parameters: q,")]
    [InlineData("/api/essays?sort=title", HttpStatusCode.BadRequest, "unknown parameter 'sort' (/api/essays takes no parameters)")]
    [InlineData("/api/essays/" + TestData.GentleSingularity + "?q=ai&p=3", HttpStatusCode.BadRequest, "unknown parameter 'p' (parameters: q, last_word_as_prefix)")]
    [InlineData("/api/health?file=true", HttpStatusCode.BadRequest, "unknown parameter 'file' (parameters: files)")]
    [InlineData("/api/openapi/v1.json?documentName=v2", HttpStatusCode.BadRequest, "unknown parameter 'documentName' (/api/openapi/v1.json takes no parameters)")]
    [InlineData("/api/essays/no-such-essay", HttpStatusCode.NotFound, "no essay 'no-such-essay'")]
    [InlineData("/index.html", HttpStatusCode.NotFound, "nothing at /index.html")]
    [InlineData("/../../etc/passwd", HttpStatusCode.NotFound, "nothing at")]
    [InlineData("/api/../Program.cs", HttpStatusCode.NotFound, "nothing at")]
    [InlineData("/api/openapi/v2.json", HttpStatusCode.NotFound, "no API endpoint /api/openapi/v2.json (endpoints: ")]
    [InlineData("/api/nope", HttpStatusCode.NotFound, "no API endpoint /api/nope (endpoints: /api/search, /api/essays, /api/essays/{id}, /api/health, /api/openapi/v1.json)")]
    [InlineData("/api/searchh?q=ai", HttpStatusCode.NotFound, "no API endpoint /api/searchh (endpoints: /api/search, ")]
    [InlineData("/api", HttpStatusCode.NotFound, "no API endpoint /api (endpoints: /api/search, ")]
    [InlineData("/apis", HttpStatusCode.NotFound, "nothing at /apis; the API is under /api (see the README)")]
    public async Task Bad_requests_get_a_status_and_a_one_line_json_error(string path, HttpStatusCode expected, string message)
    {
        var (status, body, response) = await Get(path);
        Assert.Equal(expected, status);
        AssertJsonError(body, response, message);
    }

    /// <summary>
    /// A query string or path the server cannot decode is refused, not searched as the text it left encoded or looked up
    /// as an essay's name (which answered 404 "no essay '%FF'").
    /// </summary>
    [Theory]
    [InlineData("/api/search?q=%FF%FE", "query string")]          // bytes that are not UTF-8
    [InlineData("/api/search?q=%E6%99", "query string")]          // a character cut short
    [InlineData("/api/search?q=%E6%99%BA%ZZ", "query string")]    // % without two hex digits
    [InlineData("/api/search?q=ai%", "query string")]
    [InlineData("/api/essays/%FF", "path")]
    [InlineData("/api/essays/%E6%99", "path")]
    [InlineData("/api/essays/%C0%AF", "path")]                   // an overlong slash
    [InlineData("/%ZZ", "path")]
    public async Task A_query_string_or_path_that_is_not_percent_encoded_utf8_is_refused(string path, string part)
    {
        // As a browser sends it: System.Uri would escape the lone % of %ZZ itself.
        var uri = new Uri(server.Url + path.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var response = await server.Client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJsonError(await response.Content.ReadAsStringAsync(), response, $"the {part} is not percent-encoded UTF-8");
        Assert.Equal(HttpStatusCode.OK, (await Get($"/api/search?q={Q("智能 100%")}")).Status); // a % written as %25 is text
    }

    [Theory]
    [InlineData("/?q=ai&q=openai")]
    [InlineData("/app.js?v=1&v=2")]
    [InlineData("/?q=ai&utm_source=feed")]
    public async Task A_parameter_given_twice_or_unknown_is_refused_only_by_the_api(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await Get(path)).Status);

    /// <summary>Parameters are known in any case, as the endpoints bind them: none is refused as unknown, and each takes effect.</summary>
    [Fact]
    public async Task Parameter_names_are_known_in_any_case()
    {
        var (status, body, _) = await Get($"/api/search?Q={Q("智能")}&LIMIT=2&Offset=1&FULL=true&Exact_Total=true");
        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal([2, 3], hits.Select(hit => hit.GetProperty("rank").GetInt32()));
        Assert.All(hits, hit => Assert.Equal(hit.GetProperty("text").GetString(), hit.GetProperty("snippet").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await Get($"/api/essays/{TestData.GentleSingularity}?Q={Q("智能")}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/health?FILES=false")).Status);
    }

    /// <summary>
    /// Each endpoint of the OpenAPI document takes exactly the query parameters the document lists for it: a request with
    /// another is refused, naming them.
    /// </summary>
    [Fact]
    public async Task Each_endpoint_takes_the_query_parameters_its_openapi_description_lists()
    {
        using var document = JsonDocument.Parse((await Get("/api/openapi/v1.json")).Body);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var listed = path.Value.GetProperty("get").TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                : [];
            string request = path.Name.Replace("{id}", TestData.GentleSingularity);
            var (status, body, response) = await Get($"{request}?{string.Concat(listed.Select(name => $"{name}=&"))}lmit=5");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            AssertJsonError(body, response, listed.Count == 0
                ? $"unknown parameter 'lmit' ({request} takes no parameters)"
                : $"unknown parameter 'lmit' (parameters: {string.Join(", ", listed)})");
        }
    }

    [Fact]
    public async Task Queries_past_the_length_limit_are_refused_clearly()
    {
        var (status, body, response) = await Get($"/api/search?q={Q(new string('智', 1001))}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertJsonError(body, response, "a query may be at most 1000");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await Get($"/api/search?q={Q(new string('智', 3000))}")).Status);
    }

    [Fact]
    public async Task A_word_too_long_to_index_is_named_as_why_a_query_has_no_searchable_words()
    {
        var (status, body, response) = await Get($"/api/search?q={new string('a', 256)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertJsonError(body, response, "the query has no searchable words (words longer than 255 characters are not indexed)");
    }

    // The server's own limits, answered with a JSON error that names them; Kestrel's, which answer with an empty body, are higher.
    private const int UrlLimit = 16 * 1024, HeadersLimit = 16 * 1024, HeaderCountLimit = 64;

    [Fact]
    public async Task A_url_over_its_limit_is_refused_414_with_a_json_error_and_one_at_it_is_searched()
    {
        string search = $"/api/search?q={Q("智能")}&limit=30&offset="; // padded with leading zeros: an unknown parameter is refused
        string Url(int length) => search + new string('0', length - search.Length);
        SearchJson.AssertSchema((await Get(Url(UrlLimit))).Body, "智能", 23);
        var (status, body, response) = await Get(Url(UrlLimit + 1));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, status);
        AssertJsonError(body, response, $"the URL is {UrlLimit + 1} characters long, over the limit of {UrlLimit}; a query may be at most 1000 characters");
    }

    /// <summary>
    /// A link to the page over the URL limit (a shared search of a pasted page of text) is answered with the page, which
    /// says the query is too long: it was answered with the API's JSON error, shown raw to a person.
    /// </summary>
    [Fact]
    public async Task A_link_to_the_page_over_the_url_limit_is_answered_with_the_page()
    {
        string link = $"/?q={Q(string.Concat(Enumerable.Repeat("超级智能", 500)))}";
        Assert.True(link.Length > UrlLimit);
        var (status, body, response) = await Get(link);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<title>文章搜索</title>", body);
    }

    [Fact]
    public async Task Headers_over_their_limits_are_refused_431_with_a_json_error_and_ones_at_them_are_answered()
    {
        // Counted as sent: HttpClient adds only Host, and each header is a line "Name: value\r\n".
        int room = HeadersLimit - $"Host: {server.Url.Authority}\r\n".Length - "X-Padding: \r\n".Length;
        Assert.Equal(HttpStatusCode.OK, (await GetHealth(("X-Padding", new string('x', room)))).StatusCode);
        var tooLarge = await GetHealth(("X-Padding", new string('x', room + 1)));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooLarge.StatusCode);
        AssertJsonError(await tooLarge.Content.ReadAsStringAsync(), tooLarge, $"the request's headers are {HeadersLimit + 1} bytes, over the limit of {HeadersLimit}");

        var headers = Enumerable.Range(1, HeaderCountLimit).Select(n => ($"X-Header-{n}", "x")).ToArray(); // with Host, one too many
        Assert.Equal(HttpStatusCode.OK, (await GetHealth(headers[1..])).StatusCode);
        var tooMany = await GetHealth(headers);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooMany.StatusCode);
        AssertJsonError(await tooMany.Content.ReadAsStringAsync(), tooMany, $"the request has {HeaderCountLimit + 1} headers, over the limit of {HeaderCountLimit}");
    }

    private async Task<HttpResponseMessage> GetHealth(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task The_server_only_reads_and_refuses_bodies_and_big_headers()
    {
        var post = await server.Client.PostAsync("/api/search?q=ai", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        AssertJsonError(await post.Content.ReadAsStringAsync(), post, "the server only reads");

        using var withBody = new HttpRequestMessage(HttpMethod.Get, $"/api/search?q=ai") { Content = new StringContent("x") };
        var refused = await server.Client.SendAsync(withBody);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        AssertJsonError(await refused.Content.ReadAsStringAsync(), refused, "no request body");

        using var bigHeader = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        bigHeader.Headers.Add("X-Padding", new string('x', 20_000));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await server.Client.SendAsync(bigHeader)).StatusCode);
    }

    /// <summary>
    /// HEAD is answered as GET, without the body (every server must: curl -I, link checkers, uptime monitors); a host name
    /// and a flag are read in any case; API answers are not to be reused unchecked, and a 405 names both methods.
    /// </summary>
    [Fact]
    public async Task Head_host_names_and_flags_are_read_as_http_has_them()
    {
        foreach (string path in new[] { "/", "/app.js", "/api/search?q=" + Uri.EscapeDataString("智能") })
        {
            // As sent: HttpClient would read no body after HEAD whatever came.
            string answer = await RawResponse(server.Url, path, "HEAD");
            Assert.StartsWith("HTTP/1.1 200", answer);
            Assert.Matches(@"\r\nContent-Length: [1-9]\d*\r\n", answer);
            Assert.EndsWith("\r\n\r\n", answer);
        }
        using var upperCase = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        upperCase.Headers.Host = server.Url.Authority.ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(upperCase)).StatusCode);
        var (status, body, response) = await Get("/api/search?q=ai&full=TRUE");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        using var post = await server.Client.PostAsync("/api/health", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Requests_for_another_host_name_are_refused_on_loopback()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Host = "attacker.example";
        var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJsonError(await response.Content.ReadAsStringAsync(), response, "only requests for localhost");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/health")]
    [InlineData("/api/search")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = (await Get(path)).Response;
        Assert.Equal("default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_page_and_its_assets_come_from_the_executable()
    {
        var (status, html, response) = await Get("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<script src=\"/app.js\" defer></script>", html);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html); // nothing from another site
        using var again = new HttpRequestMessage(HttpMethod.Get, "/app.css");
        again.Headers.TryAddWithoutValidation("If-None-Match", (await Get("/app.css")).Response.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await server.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Essays_are_listed_in_corpus_order_with_paragraph_counts()
    {
        using var json = JsonDocument.Parse((await Get("/api/essays")).Body);
        var essays = json.RootElement.GetProperty("essays").EnumerateArray().ToList();
        Assert.Equal([TestData.GentleSingularity, TestData.Reflections, "900_hostile"], essays.Select(e => e.GetProperty("essay").GetString()));
        Assert.Equal("The Gentle Singularity", essays[0].GetProperty("title").GetString());
        Assert.Equal("Sam Altman", essays[0].GetProperty("author").GetString());
        Assert.Equal(["essay", "title", "author", "published", "source", "file", "paragraphs"], essays[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(TestData.GentleSingularity + ".txt", essays[0].GetProperty("file").GetString());
        using var health = JsonDocument.Parse((await Get("/api/health")).Body);
        Assert.Equal(
            health.RootElement.GetProperty("manifest").GetProperty("paragraphs").GetInt32(),
            essays.Sum(e => e.GetProperty("paragraphs").GetInt32()));
    }

    /// <summary>
    /// A folder of the seeds that cannot be listed (its name not UTF-8) leaves the server answering from its index, and
    /// its health says why the index is not known to be current, rather than that there is no index (503).
    /// </summary>
    [Fact]
    public async Task A_folder_that_cannot_be_listed_is_told_by_health_while_searches_answer()
    {
        using var own = new RunningServer(withSeeds: true);
        if (!NonUtf8Names.MakeEssay(own.Seeds, "folder"))
            return; // this system keeps names in UTF-8 (or UTF-16)
        try
        {
            var health = await own.Client.GetAsync("/api/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.False(json.RootElement.GetProperty("current").GetBoolean());
            Assert.Contains("cannot list the folder: its name is not UTF-8", json.RootElement.GetProperty("freshness").GetString());
            var search = await own.Client.GetAsync($"/api/search?q={Q("超级智能")}");
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            using var hits = JsonDocument.Parse(await search.Content.ReadAsStringAsync());
            Assert.Equal(5, hits.RootElement.GetProperty("total").GetInt32());
        }
        finally
        {
            NonUtf8Names.Remove(own.Seeds);
        }
    }

    /// <summary>The query's words in an essay's title, as spans like the text's, in its hits and in its reading view alike.</summary>
    [Fact]
    public async Task The_querys_words_in_an_essays_title_are_marked_in_its_hits_and_its_reading_view()
    {
        const string title = "刚刚，奥特曼更新博客：创业第十年，我的反思";
        string marked = $"[[{title.IndexOf("反思")},{title.Length}]]";
        using var search = JsonDocument.Parse((await Get($"/api/search?q={Q("反思 -奥特曼")}")).Body);
        var hits = search.RootElement.GetProperty("hits").EnumerateArray().Where(hit => hit.GetProperty("essay").GetString() == TestData.Reflections).ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Equal((title, marked), (hit.GetProperty("title").GetString(), hit.GetProperty("title_highlights").GetRawText())));

        using var essay = JsonDocument.Parse((await Get($"/api/essays/{TestData.Reflections}?q={Q("反思 -奥特曼")}")).Body);
        Assert.Equal(marked, essay.RootElement.GetProperty("title_highlights").GetRawText());
        using var plain = JsonDocument.Parse((await Get($"/api/essays/{TestData.Reflections}")).Body);
        Assert.Equal("[]", plain.RootElement.GetProperty("title_highlights").GetRawText());
    }

    [Fact]
    public async Task An_essay_reads_whole_in_order_with_every_match_of_the_query_marked()
    {
        using var json = JsonDocument.Parse((await Get($"/api/essays/{TestData.Reflections}?q={Q("反思")}")).Body);
        var root = json.RootElement;
        Assert.Equal("反思", root.GetProperty("query").GetString());
        var paragraphs = root.GetProperty("paragraphs").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("essay").GetProperty("paragraphs").GetInt32(), paragraphs.Count);
        Assert.Equal(Enumerable.Range(1, paragraphs.Count), paragraphs.Select(p => p.GetProperty("paragraph").GetInt32()));
        // Each paragraph's line is a line of the essay's file that holds its first words.
        var lines = File.ReadAllLines(Path.Combine(TestData.Seeds, root.GetProperty("essay").GetProperty("file").GetString()!));
        Assert.All(paragraphs, p => Assert.Contains(p.GetProperty("text").GetString()![..4], lines[p.GetProperty("line").GetInt32() - 1]));
        int marked = 0;
        foreach (var paragraph in paragraphs)
        {
            string text = paragraph.GetProperty("text").GetString()!;
            var spans = paragraph.GetProperty("highlights").EnumerateArray().Select(s => text[s[0].GetInt32()..s[1].GetInt32()]).ToList();
            Assert.All(spans, span => Assert.Equal("反思", span));
            Assert.Equal(CountOf(text, "反思"), spans.Count);
            marked += spans.Count;
        }
        Assert.True(marked >= 3, $"{marked} matches marked");

        using var plain = JsonDocument.Parse((await Get($"/api/essays/{TestData.Reflections}")).Body);
        Assert.Equal(JsonValueKind.Null, plain.RootElement.GetProperty("query").ValueKind);
        Assert.All(plain.RootElement.GetProperty("paragraphs").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("highlights").GetArrayLength()));
    }

    [Fact]
    public async Task Essay_text_comes_back_as_written_markup_included()
    {
        using var json = JsonDocument.Parse((await Get("/api/essays/900_hostile")).Body);
        Assert.Equal(RunningServer.HostileParagraph, json.RootElement.GetProperty("paragraphs")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Exact_total_counts_every_match_where_the_total_is_otherwise_a_lower_bound()
    {
        // 2,000 paragraphs with the word: the first 1,100 short, the rest long, so that past the first 1,000 counted the
        // long ones cannot rank and are stepped over.
        string essay = string.Concat(Enumerable.Range(1, 2_000).Select(n => n <= 1_100
            ? $"鹦鹉螺{n}。\n\n"
            : $"鹦鹉螺{n}：{string.Concat(Enumerable.Repeat("海洋里一种古老的软体动物，外壳呈螺旋形，", 4))}\n\n"));
        using var server = new RunningServer(withSeeds: true, extraEssay: essay);
        async Task<JsonElement> Search(string parameters)
        {
            using var json = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/search?q={Q("鹦鹉螺")}{parameters}"));
            return json.RootElement.Clone();
        }
        var bounded = await Search("");
        Assert.False(bounded.GetProperty("total_exact").GetBoolean());
        Assert.InRange(bounded.GetProperty("total").GetInt32(), 1_001, 1_999);
        var counted = await Search("&exact_total=true");
        Assert.True(counted.GetProperty("total_exact").GetBoolean());
        Assert.Equal(2_000, counted.GetProperty("total").GetInt32());
        Assert.Equal(bounded.GetProperty("hits").ToString(), counted.GetProperty("hits").ToString());
    }

    [Fact]
    public async Task An_essay_in_a_subfolder_reads_whole_whether_its_slashes_are_written_or_encoded()
    {
        using var server = new RunningServer(withSeeds: true, extraEssay: "# 奇点\n\n子文件夹里的一段。\n", extraEssayFile: "随笔/2025/奇点.md");
        foreach (string path in new[] { "随笔/2025/奇点", "%E9%9A%8F%E7%AC%94%2F2025%2F%E5%A5%87%E7%82%B9", "随笔%2f2025/奇点" })
        {
            using var response = await server.Client.GetAsync("/api/essays/" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("随笔/2025/奇点", json.RootElement.GetProperty("essay").GetProperty("essay").GetString());
            Assert.Equal("随笔/2025/奇点.md", json.RootElement.GetProperty("essay").GetProperty("file").GetString());
            Assert.Equal("子文件夹里的一段。", json.RootElement.GetProperty("paragraphs")[0].GetProperty("text").GetString());
        }
        using var missing = await server.Client.GetAsync("/api/essays/随笔/2025/没有这篇");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>A code block says so, <c>"code": true</c>, in a hit and among its essay's paragraphs; prose leaves it out, as other fields that are false are.</summary>
    [Fact]
    public async Task A_code_block_says_so_in_a_hit_and_in_its_essay_and_prose_leaves_it_out()
    {
        using var server = new RunningServer(withSeeds: true, extraEssay: "# 代码\n\n用 printf 打印。\n\n```c\nprintf(\"%d\", 1);\n```\n", extraEssayFile: "代码.md");
        static (string?, string?) TextAndCode(JsonElement paragraph) =>
            (paragraph.GetProperty("text").GetString(), paragraph.TryGetProperty("code", out var code) ? code.GetRawText() : null);
        (string?, string?)[] expected = [("用 printf 打印。", null), ("printf(\"%d\", 1);", "true")];
        using var search = JsonDocument.Parse(await server.Client.GetStringAsync("/api/search?q=printf"));
        Assert.Equal(expected.Order(), search.RootElement.GetProperty("hits").EnumerateArray().Select(TextAndCode).Order());
        using var essay = JsonDocument.Parse(await server.Client.GetStringAsync("/api/essays/" + Q("代码")));
        Assert.Equal(expected, essay.RootElement.GetProperty("paragraphs").EnumerateArray().Select(TextAndCode));
    }

    /// <summary>An essay left out of the index, as it cannot be read, is named so in /api/health and in its 404, with why.</summary>
    [Fact]
    public async Task An_essay_left_out_says_why_in_health_and_in_its_404()
    {
        using var server = new RunningServer(withSeeds: true, extraEssay: "正文。\0", extraEssayFile: "随笔/坏.md");
        using var health = JsonDocument.Parse(await server.Client.GetStringAsync("/api/health"));
        var leftOut = Assert.Single(health.RootElement.GetProperty("manifest").GetProperty("left_out").EnumerateArray());
        Assert.Equal("随笔/坏.md", leftOut.GetProperty("name").GetString());
        Assert.Equal("随笔/坏", leftOut.GetProperty("essay").GetString());
        Assert.StartsWith("随笔/坏.md: binary file", leftOut.GetProperty("reason").GetString());
        using var response = await server.Client.GetAsync("/api/essays/随笔/坏");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("the essay '随笔/坏' is left out of the index, as it cannot be read: 随笔/坏.md: binary file", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// An essay left out as it is not UTF-8: its 404 says which option reads it, as the command does (the library's reason,
    /// in /api/health, names a fallback encoding, and says so in needs_fallback_encoding).
    /// </summary>
    [Fact]
    public async Task An_essay_left_out_as_it_is_not_utf8_says_which_option_reads_it()
    {
        using var server = new RunningServer();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(Path.Combine(server.Seeds, "gbk.txt"), Encoding.GetEncoding("gb18030").GetBytes("# 标题\n量子纠缠。\n"));
        Assert.Equal(0, SearchCommand.Run("", ["index", "--seeds", server.Seeds, "--index", server.IndexFolder]).Exit);
        string answer = "";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!answer.Contains("left out") && waited.Elapsed < TimeSpan.FromSeconds(20)) // until the server serves the new build
        {
            await Task.Delay(100);
            using var response = await server.Client.GetAsync("/api/essays/gbk");
            answer = await response.Content.ReadAsStringAsync();
        }
        Assert.Contains("the essay 'gbk' is left out of the index, as it cannot be read: gbk.txt: not valid UTF-8 at byte offset 2; "
            + "convert it to UTF-8, or name a fallback encoding to read it in, such as gb18030 (search index --encoding gb18030)", answer);
        using var health = JsonDocument.Parse(await server.Client.GetStringAsync("/api/health"));
        var leftOut = Assert.Single(health.RootElement.GetProperty("manifest").GetProperty("left_out").EnumerateArray());
        Assert.True(leftOut.GetProperty("needs_fallback_encoding").GetBoolean());
        Assert.DoesNotContain("--encoding", leftOut.GetProperty("reason").GetString());
    }

    /// <summary>A name with %2F in it (a page saved under its encoded address) is that name, sent as %252F; an encoded slash is a slash.</summary>
    [Fact]
    public async Task An_essay_whose_name_holds_a_percent_sign_reads_whole()
    {
        using var server = new RunningServer(withSeeds: true, extraEssay: "# 地址\n\n名字里有百分号的一段。\n", extraEssayFile: "https%3A%2F%2Fexample.com%2F奇点.md");
        using var listed = JsonDocument.Parse(await server.Client.GetStringAsync("/api/essays"));
        Assert.Contains("https%3A%2F%2Fexample.com%2F奇点", listed.RootElement.GetProperty("essays").EnumerateArray().Select(e => e.GetProperty("essay").GetString()));
        string id = Uri.EscapeDataString("https%3A%2F%2Fexample.com%2F奇点");
        using var response = await server.Client.GetAsync("/api/essays/" + id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("名字里有百分号的一段。", json.RootElement.GetProperty("paragraphs")[0].GetProperty("text").GetString());
        // Sent as written, which HttpClient would normalize: dot segments, which the router resolves, and an absolute-form target.
        foreach (string target in new[] { $"/api/essays/./{id}", $"/api/x/../essays/{id}", $"/api/essays/sub/../{id}", $"{server.Url}api/essays/{id}" })
            Assert.StartsWith("HTTP/1.1 200", await RawResponse(server.Url, target));
    }

    /// <summary>What the server answers a <paramref name="method"/> of <paramref name="target"/> with, as sent: the target byte for byte, and all the answer, headers and body.</summary>
    private static async Task<string> RawResponse(Uri server, string target, string method = "GET")
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        using var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Health_names_the_open_build_and_whether_it_is_current()
    {
        using var json = JsonDocument.Parse((await Get("/api/health")).Body);
        var root = json.RootElement;
        Assert.Equal(Path.GetFullPath(server.IndexFolder), root.GetProperty("index").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(server.IndexFolder, "current", "build-id")), root.GetProperty("build").GetString());
        Assert.True(root.GetProperty("current").GetBoolean());
        Assert.Equal(ParagraphFields.SchemaVersion, root.GetProperty("manifest").GetProperty("schema_version").GetInt32());
        Assert.Equal(3, root.GetProperty("manifest").GetProperty("essay_count").GetInt32());
        // The list of files (megabytes on a large archive) only when asked for.
        Assert.False(root.GetProperty("manifest").TryGetProperty("files", out _));
        using var withFiles = JsonDocument.Parse((await Get("/api/health?files=true")).Body);
        Assert.Equal(3, withFiles.RootElement.GetProperty("manifest").GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task A_request_over_its_time_limit_is_answered_503_with_a_json_error()
    {
        // The shortest limit there is (it runs out within a millisecond or so), and a request that takes far longer:
        // reading 20,000 paragraphs with every match marked.
        string longEssay = string.Concat(Enumerable.Range(1, 20_000).Select(n => $"第{n}段：超级智能的长文。\n\n"));
        using var server = new RunningServer(withSeeds: true, requestTimeout: TimeSpan.FromTicks(1), extraEssay: longEssay);
        using var response = await server.Client.GetAsync("/api/essays/901_extra?q=" + Uri.EscapeDataString("超级智能"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        AssertJsonError(await response.Content.ReadAsStringAsync(), response, "the request took too long");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_as_it_answers()
    {
        using var document = JsonDocument.Parse((await Get("/api/openapi/v1.json")).Body);
        var root = document.RootElement;
        Assert.Equal(["/api/search", "/api/essays", "/api/essays/{id}", "/api/health"], root.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        var schemas = root.GetProperty("components").GetProperty("schemas");
        using var essays = JsonDocument.Parse((await Get("/api/essays")).Body);
        Assert.Equal(
            essays.RootElement.GetProperty("essays")[0].EnumerateObject().Select(p => p.Name),
            schemas.GetProperty("EssaySummary").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        using var health = JsonDocument.Parse((await Get("/api/health?files=true")).Body);
        Assert.Equal(
            health.RootElement.GetProperty("manifest").EnumerateObject().Select(p => p.Name),
            schemas.GetProperty("IndexManifest").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("array", schemas.GetProperty("TextSpan").GetProperty("type").GetString());
        // Numbers as the answers write them: total was ["integer", "string"], with a pattern for the string.
        Assert.Equal("integer", schemas.GetProperty("SearchBody").GetProperty("properties").GetProperty("total").GetProperty("type").GetString());
        Assert.Equal("number", schemas.GetProperty("HitBody").GetProperty("properties").GetProperty("score").GetProperty("type").GetString());
        Assert.DoesNotContain("\"pattern\"", root.GetProperty("components").GetRawText());
        // Every error the server answers a GET with, its own limits' included.
        Assert.All(root.GetProperty("paths").EnumerateObject(), path => Assert.Superset(
            new HashSet<string> { "200", "400", "413", "414", "431", "503" },
            path.Value.GetProperty("get").GetProperty("responses").EnumerateObject().Select(response => response.Name).ToHashSet()));
        // A relaxed query of syntax set aside, with an English word, so that the optional fields are in the answers too.
        string question = Uri.EscapeDataString("(奥特曼对未来有什么看法 robots");
        using var search = JsonDocument.Parse((await Get("/api/search?q=" + question)).Body);
        // Every optional field but unranked, which only a query of exclusions alone has, as_written, which only a question
        // some paragraph has as written has, and split, which only a query none of whose words is in any paragraph has.
        Assert.Equal(
            search.RootElement.EnumerateObject().Select(p => p.Name),
            schemas.GetProperty("SearchBody").GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(name => name is not ("unranked" or "as_written" or "split")));
        using var split = JsonDocument.Parse((await Get("/api/search?q=" + Q("超级计算机"))).Body);
        Assert.Equal("计算机", split.RootElement.GetProperty("split").GetProperty("超级计算机")[1].GetString());
        Assert.True(schemas.GetProperty("SearchBody").GetProperty("properties").TryGetProperty("split", out _));
        using var asked = JsonDocument.Parse((await Get("/api/search?q=" + Q("发生了什么"))).Body);
        Assert.Equal(("question", 1), (asked.RootElement.GetProperty("relaxed").GetString(), asked.RootElement.GetProperty("as_written").GetInt32()));
        Assert.True(schemas.GetProperty("SearchBody").GetProperty("properties").TryGetProperty("as_written", out _));
        using var excluding = JsonDocument.Parse((await Get("/api/search?q=" + Q("-智能"))).Body);
        Assert.True(schemas.GetProperty("SearchBody").GetProperty("properties").TryGetProperty("unranked", out _));
        Assert.True(schemas.GetProperty("EssayBody").GetProperty("properties").TryGetProperty("unranked", out _));
        Assert.True(excluding.RootElement.GetProperty("unranked").GetBoolean());
        using var essay = JsonDocument.Parse((await Get($"/api/essays/{search.RootElement.GetProperty("hits")[0].GetProperty("essay").GetString()}?q={question}")).Body);
        Assert.Equal("机器人", search.RootElement.GetProperty("translated").GetProperty("robots")[0].GetString());
        Assert.Equal("奥特曼 未来 看法 robots", essay.RootElement.GetProperty("searched").GetString());
        Assert.Equal(
            essay.RootElement.EnumerateObject().Select(p => p.Name),
            schemas.GetProperty("EssayBody").GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(name => name != "unranked"));
        // A strict query's answer leaves the optional fields out: the schema must not require them.
        using var strict = JsonDocument.Parse((await Get("/api/search?q=" + Q("超级智能"))).Body);
        var present = strict.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var required = schemas.GetProperty("SearchBody").GetProperty("required").EnumerateArray().Select(name => name.GetString()!).ToList();
        Assert.Equal(["query", "total", "total_exact", "hits"], required);
        Assert.All(required, name => Assert.Contains(name, present));
        Assert.DoesNotContain("searched", schemas.GetProperty("EssayBody").GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal( // but code, which only a code block has
            search.RootElement.GetProperty("hits")[0].EnumerateObject().Select(p => p.Name),
            schemas.GetProperty("HitBody").GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(name => name != "code"));
        Assert.DoesNotContain("code", schemas.GetProperty("HitBody").GetProperty("required").EnumerateArray().Select(name => name.GetString()));
    }

    private static int CountOf(string text, string word)
    {
        int count = 0;
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    internal static void AssertJsonError(string body, HttpResponseMessage response, string message)
    {
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["error"], json.RootElement.EnumerateObject().Select(p => p.Name));
        string error = json.RootElement.GetProperty("error").GetString()!;
        Assert.Contains(message, error);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("   at ", error);
    }
}
