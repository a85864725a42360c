using System.Text.Json;
using EssaySearch.Searching;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace EssaySearch.Tests.Server;

/// <summary>The search page in a real Chromium, against a real server.</summary>
public sealed class BrowserTests(RunningServer server, Browser browser) : IClassFixture<RunningServer>, IClassFixture<Browser>
{
    private IWebDriver Driver => browser.Driver;
    private IWebElement Box => Driver.FindElement(By.Id("q"));
    private IWebElement Status => Driver.FindElement(By.Id("status"));
    private IReadOnlyList<IWebElement> Hits => Driver.FindElements(By.CssSelector("#hits a.hit"));
    private Uri Location => new(Driver.Url);

    private void Open(string pathAndQuery = "/")
    {
        Driver.Navigate().GoToUrl(new Uri(server.Url, pathAndQuery));
        browser.WaitUntil(() => browser.Script("return document.readyState") as string == "complete", "the page to load");
        // Counts the page's searches: every request it makes to /api/search.
        browser.Script("""
            window.searches = [];
            const fetchOriginal = window.fetch;
            window.failNext = false; // set, the next request of the API (a search, an essay) fails as when the server is down
            window.hangNext = false; // set, the next is never answered, as when the server hangs, until it is given up
            window.fetch = (url, ...rest) => {
              if (!String(url).startsWith('/api/')) return fetchOriginal(url, ...rest);
              if (String(url).startsWith('/api/search')) window.searches.push(String(url));
              if (window.failNext) { window.failNext = false; return Promise.reject(new TypeError('Failed to fetch')); }
              if (window.hangNext) {
                window.hangNext = false;
                const signal = rest[0].signal;
                return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
              }
              return fetchOriginal(url, ...rest);
            };
            """);
    }

    private long Searches => (long)browser.Script("return window.searches.length")!;

    private void WaitForStatus(string text) => browser.WaitUntil(() => Status.Text.Contains(text, StringComparison.Ordinal), $"the status line to say '{text}'");

    private static string QueryOf(Uri url) => Uri.UnescapeDataString(url.Query);

    /// <summary>
    /// The essay view names each text it marked once: 超级​智能 with a zero-width space inside (which the index leaves
    /// out, so that 超级智能 finds it) is the same text as 超级智能, as ＯｐｅｎＡＩ is OpenAI.
    /// </summary>
    [Fact]
    public void The_essay_view_names_a_marked_text_once_whatever_invisible_characters_it_holds()
    {
        Open();
        var named = browser.Script("return quotedWords({ query: '超级智能' }, ['超级\u200b智能', '超级智能', '超级\u00ad智能', 'ＯｐｅｎＡＩ', 'openai'])");
        Assert.Equal("“超级\u200b智能”“ＯｐｅｎＡＩ”", named);
    }

    /// <summary>
    /// A paragraph's line breaks and indentation show as they are in the text (a code block, a note's lines, an ASCII
    /// diagram), in the essay view and in a hit's snippet, where the page ran them together as flowing prose.
    /// </summary>
    [Fact]
    public void Line_breaks_and_indentation_of_a_paragraph_are_shown()
    {
        Open($"/?essay={TestData.Reflections}");
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p")).Count > 1, "the reading view");
        AssertShownAsWritten("#essay-body", "");
        Open("/?q=智能");
        WaitForStatus("个段落匹配");
        AssertShownAsWritten("#hits a.hit", "snippet");
    }

    // A paragraph of the class given, put in the first element the selector finds: two lines are taller than one, and
    // an indented line wider than the line alone.
    private void AssertShownAsWritten(string container, string className)
    {
        var sizes = (IReadOnlyList<object>)browser.Script("""
            const p = document.createElement('p');
            p.className = arguments[1];
            document.querySelector(arguments[0]).append(p);
            const size = text => { p.textContent = text; const box = p.getClientRects()[0]; return [p.getBoundingClientRect().height, box.width]; };
            const [one] = size('def f():'), [two] = size('def f():\n    return 1');
            p.style.display = 'inline';
            const [, bare] = size('return 1'), [, indented] = size('    return 1');
            p.remove();
            return [two / one, indented - bare];
            """, container, className)!;
        double lines = Convert.ToDouble(sizes[0]), indent = Convert.ToDouble(sizes[1]);
        Assert.True(lines > 1.5, $"{container}: a line break did not show (two lines {lines} times one's height)");
        Assert.True(indent > 10, $"{container}: an indentation did not show ({indent} px)");
    }

    /// <summary>A code block is shown in a monospaced font, in a hit's snippet and in the essay view; prose in the page's own.</summary>
    [Fact]
    public void A_code_block_is_shown_in_a_monospaced_font_and_prose_is_not()
    {
        using var own = new RunningServer(withSeeds: true, extraEssay: "# 代码\n\n用 printf 打印。\n\n```c\nprintf(\"%d\", 1);\n```\n", extraEssayFile: "代码.md");
        string Font(IWebElement element) => (string)browser.Script("return getComputedStyle(arguments[0]).fontFamily", element)!;
        Driver.Navigate().GoToUrl(new Uri(own.Url, "/?q=printf"));
        browser.WaitUntil(() => Hits.Count == 2, "the hits");
        Assert.Equal([("printf(\"%d\", 1);", true), ("用 printf 打印。", false)], Hits
            .Select(hit => hit.FindElement(By.ClassName("snippet")))
            .Select(snippet => (snippet.Text, Font(snippet).EndsWith("monospace", StringComparison.Ordinal)))
            .OrderBy(snippet => snippet.Text, StringComparer.Ordinal));
        Driver.Navigate().GoToUrl(new Uri(own.Url, $"/?essay={Uri.EscapeDataString("代码")}"));
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p")).Count == 2, "the reading view");
        Assert.Equal([false, true], Driver.FindElements(By.CssSelector("#essay-body p")).Select(p => Font(p).EndsWith("monospace", StringComparison.Ordinal)));
    }

    [Fact]
    public void Typing_a_query_shows_ranked_hits_with_the_matches_marked()
    {
        Open();
        Box.SendKeys("超级智能");
        WaitForStatus("5 个段落匹配");
        var hits = Hits;
        Assert.Equal(5, hits.Count);
        foreach (var hit in hits)
        {
            var marks = hit.FindElements(By.CssSelector(".snippet mark"));
            Assert.NotEmpty(marks);
            Assert.All(marks, mark => Assert.Equal("超级智能", mark.Text));
            Assert.Matches(@"第 \d+ 段 · \S+\.txt:\d+$", hit.FindElement(By.ClassName("meta")).Text);
        }
        Assert.Equal("The Gentle Singularity", hits[0].FindElement(By.ClassName("hit-title")).Text);
        Assert.Contains("Sam Altman · 2025-06-11", hits[0].FindElement(By.ClassName("meta")).Text);
        Assert.Equal("?q=超级智能", QueryOf(Location));
        browser.SaveScreenshot("serve-results.png");
    }

    [Fact]
    public void A_latin_word_half_typed_finds_the_words_it_starts()
    {
        Open();
        Box.SendKeys("opena");
        WaitForStatus("个段落匹配");
        Assert.NotEmpty(Hits);
        Assert.All(Hits, hit => Assert.Contains("OpenAI", hit.FindElements(By.CssSelector(".snippet mark")).Select(mark => mark.Text)));
        Hits[0].Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body mark")).Count > 0, "the essay's matches to be marked");
        var marks = Driver.FindElements(By.CssSelector("#essay-body mark")); // the text's: the count is of those, not the heading's
        Assert.All(marks, mark => Assert.Equal("OpenAI", mark.Text));
        WaitForStatus($"本文有 {marks.Count} 处“OpenAI”"); // named as marked, not as typed (“opena”)

        // The word being typed last, after another.
        Open($"/?q={Uri.EscapeDataString("奥特曼 opena")}");
        WaitForStatus("个段落匹配");
        Hits[0].Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body mark")).Count > 0, "the essay's matches to be marked");
        Assert.Equal(["奥特曼", "OpenAI"], Driver.FindElements(By.CssSelector("#essay-body mark")).Select(mark => mark.Text).Distinct());
        WaitForStatus("处“奥特曼”“OpenAI”");
    }

    [Fact]
    public void An_operator_with_nothing_on_one_side_is_said_to_be_left_out_in_chinese()
    {
        Open($"/?q={Uri.EscapeDataString("智能 OR")}");
        WaitForStatus("个段落匹配（OR 缺少一侧要连接的词，已略去）");
        Assert.Contains("nothing to join on one side", Status.GetAttribute("title"));
        Open($"/?q={Uri.EscapeDataString("智能 OR title:")}");
        WaitForStatus("个段落匹配（OR 缺少一侧要连接的词，已略去；title: 后面缺少要搜索的词，已略去）");
        Open($"/?q={Uri.EscapeDataString("智能 -奇点 \"未闭合")}");
        WaitForStatus("（查询语法无法识别，已按普通文本搜索，仍排除 奇点；");
    }

    /// <summary>Runs <paramref name="test"/> in a system theme (light or dark) and, when asked, on a phone 390 px wide; then as before.</summary>
    private void Emulating(string colorScheme, bool phone, Action test)
    {
        browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new() { ["features"] = new[] { new Dictionary<string, string> { ["name"] = "prefers-color-scheme", ["value"] = colorScheme } } });
        if (phone)
            browser.Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new() { ["width"] = 390, ["height"] = 844, ["deviceScaleFactor"] = 2, ["mobile"] = true });
        try
        {
            test();
        }
        finally
        {
            browser.Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", new());
            browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new() { ["features"] = Array.Empty<object>() });
        }
    }

    [Fact]
    public void The_page_fits_a_phone_and_follows_a_dark_system_theme() => Emulating("dark", phone: true, () =>
    {
        Open($"/?q={Uri.EscapeDataString("超级智能")}");
        WaitForStatus("5 个段落匹配");
        Assert.Equal(390L, browser.Script("return innerWidth"));
        Assert.True((bool)browser.Script("return document.documentElement.scrollWidth <= innerWidth")!, "nothing wider than the phone's screen");
        Assert.Equal("rgb(20, 20, 22)", browser.Script("return getComputedStyle(document.body).backgroundColor"));
        browser.SaveScreenshot("serve-phone-dark.png");
    });

    /// <summary>The pager's buttons keep to one line each on a phone, where they wrapped ("← 上一 / 页") to leave room for the range.</summary>
    [Fact]
    public void The_pager_buttons_keep_to_one_line_on_a_phone() => Emulating("light", phone: true, () =>
    {
        Open($"/?q={Uri.EscapeDataString("智能")}&page=2");
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 11–20 条，共 23 条", "page 2");
        // The longest range the page writes (a page past the 1,000th hit, as its own test reaches): the buttons have the least room.
        browser.Script("document.getElementById('page-range').textContent = '第 1991–2000 条，共 2000 条以上'");
        Assert.True((bool)browser.Script("return document.documentElement.scrollWidth <= innerWidth")!, "nothing wider than the phone's screen");
        foreach (string button in new[] { "previous", "next" })
        {
            // The lines its text takes: a line box each, so as many distinct tops.
            var lines = browser.Script("""
                const range = document.createRange();
                range.selectNodeContents(document.getElementById(arguments[0]));
                return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
                """, button);
            Assert.True(lines is 1L, $"#{button} takes {lines} lines");
        }
    });

    /// <summary>Error text is as readable as WCAG asks of text (4.5:1) in either theme: the dark theme's was 3.2:1 (#c5221f on #141416).</summary>
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public void Error_text_is_readable_in_either_theme(string colorScheme) => Emulating(colorScheme, phone: false, () =>
    {
        Open("/?q=%F0%9F%98%80");
        WaitForStatus("查询里没有可搜索的词");
        Assert.Equal("error", Status.GetAttribute("class"));
        string color = (string)browser.Script("return getComputedStyle(arguments[0]).color", Status)!;
        // The status line has no background of its own: what shows through is the nearest one set.
        string background = (string)browser.Script("""
            for (let node = arguments[0]; node; node = node.parentElement) {
              const color = getComputedStyle(node).backgroundColor;
              if (color !== "rgba(0, 0, 0, 0)") return color;
            }
            """, Status)!;
        double contrast = Contrast(color, background);
        Assert.True(contrast >= 4.5, $"{color} on {background}: {contrast:0.00}:1");
    });

    /// <summary>The contrast ratio of two opaque CSS colours as computed styles give them (rgb(r, g, b)), as WCAG 2 defines it.</summary>
    private static double Contrast(string first, string second)
    {
        static double Luminance(string rgb)
        {
            var channels = System.Text.RegularExpressions.Regex.Matches(rgb, @"\d+").Take(3)
                .Select(match => int.Parse(match.Value) / 255.0)
                .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
        }
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    [Fact]
    public void An_input_method_composition_searches_once_when_it_ends()
    {
        Open();
        Box.Click();
        browser.Script("arguments[0].dispatchEvent(new CompositionEvent('compositionstart', { data: '' }))", Box);
        foreach (char c in "人工智能")
        {
            Box.SendKeys(c.ToString());
            Thread.Sleep(400); // twice the page's debounce: each keystroke would search on its own
        }
        Assert.Equal(0, Searches);
        browser.Script("arguments[0].dispatchEvent(new CompositionEvent('compositionend', { data: '人工智能' }))", Box);
        WaitForStatus("个段落匹配");
        Thread.Sleep(400);
        Assert.Equal(1, Searches);

        // The same keystrokes without a composition search as they come: the count above is the composition's doing.
        Box.Clear();
        foreach (char c in "机器")
        {
            Box.SendKeys(c.ToString());
            Thread.Sleep(400);
        }
        Assert.True(Searches >= 3, $"{Searches} searches");
    }

    [Fact]
    public void Essay_text_that_looks_like_html_is_shown_as_text()
    {
        Open($"/?q={Uri.EscapeDataString("注入测试")}");
        WaitForStatus("个段落匹配");
        var snippet = Driver.FindElement(By.CssSelector("#hits .snippet"));
        Assert.Equal(RunningServer.HostileParagraph, snippet.Text);
        Assert.Empty(Driver.FindElements(By.CssSelector("#hits img, #hits script")));

        Hits[0].Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p")).Count > 0, "the essay");
        Assert.Equal("1" + RunningServer.HostileParagraph, Driver.FindElement(By.Id("p1")).Text.Replace("\n", ""));
        Assert.Empty(Driver.FindElements(By.CssSelector("#essay-body img, #essay-body script")));
        Assert.NotEqual("pwned", Driver.Title);
    }

    [Fact]
    public void A_hit_opens_the_essay_at_its_paragraph_with_every_match_marked_and_back_returns()
    {
        Open($"/?q={Uri.EscapeDataString("反思")}");
        WaitForStatus("个段落匹配");
        var first = Hits[0];
        string title = first.FindElement(By.ClassName("hit-title")).Text;
        first.Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p.target")).Count == 1, "the reading view");
        var query = QueryOf(Location);
        Assert.Matches(@"^\?essay=[^&]+&q=反思&p=\d+$", query);
        var target = Driver.FindElement(By.CssSelector("#essay-body p.target"));
        Assert.Equal($"p{query.Split("&p=")[1]}", target.GetAttribute("id"));
        Assert.Equal(title, Driver.FindElement(By.Id("essay-title")).Text);
        Assert.Matches(@" · \S+\.txt · 原文$", Driver.FindElement(By.Id("essay-meta")).Text);
        Assert.True((bool)browser.Script("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", target)!, "the paragraph is in view");
        var marks = Driver.FindElements(By.CssSelector("#essay-body mark"));
        Assert.True(marks.Count >= 3);
        Assert.All(marks, mark => Assert.Equal("反思", mark.Text));
        WaitForStatus($"本文有 {marks.Count} 处“反思”");
        browser.SaveScreenshot("serve-reading.png");

        Driver.FindElement(By.Id("back")).Click();
        browser.WaitUntil(() => Hits.Count > 0 && Driver.FindElement(By.Id("reader")).GetAttribute("hidden") is not null, "the results again");
        Assert.Equal("?q=反思", QueryOf(Location));

        Hits[0].Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p.target")).Count == 1, "the reading view");
        Driver.Navigate().Back();
        browser.WaitUntil(() => Hits.Count > 0 && QueryOf(Location) == "?q=反思", "the browser's back button to return to the results");
    }

    /// <summary>
    /// The count of an essay's matches stays in view, on a phone and on a desktop, when the essay opens at a paragraph far
    /// down: it was the status line above the essay, which scrolling to the paragraph took out of view.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_count_of_an_essays_matches_stays_in_view_when_it_opens_at_a_paragraph_far_down(bool phone) => Emulating("light", phone, () =>
    {
        Open($"/?essay={TestData.Reflections}&q={Uri.EscapeDataString("反思")}&p=39");
        WaitForStatus("本文有");
        Assert.True((long)browser.Script("return Math.round(scrollY)")! > 0, "the essay is scrolled to its paragraph");
        foreach (var (shown, what) in new[] { (Status, "the count"), (Driver.FindElement(By.Id("p39")), "the paragraph") })
        {
            // Inside the window, and not under the header, which stays at the top as the essay scrolls.
            Assert.True((bool)browser.Script("""
                const box = arguments[0].getBoundingClientRect();
                return box.top >= 0 && box.bottom <= innerHeight && arguments[0].contains(document.elementFromPoint(box.left + 1, box.top + box.height / 2));
                """, shown)!, $"{what} is in view");
        }
    });

    /// <summary>
    /// An essay opened at no paragraph (a link without one; a hit of an essay without paragraphs) opens at its heading, below
    /// the header: it was scrolled to the top of the window, under the header, which hid the heading.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_essay_opened_at_no_paragraph_shows_its_heading(bool phone) => Emulating("light", phone, () =>
    {
        Open($"/?essay={TestData.Reflections}&q={Uri.EscapeDataString("反思")}");
        WaitForStatus("本文有");
        Assert.True((bool)browser.Script("""
            const heading = document.getElementById("essay-title"), box = heading.getBoundingClientRect();
            return box.top >= 0 && heading.contains(document.elementFromPoint(box.left + 1, box.top + box.height / 2));
            """)!, "the heading is in view");
    });

    [Fact]
    public void The_querys_words_are_marked_in_the_hit_titles_and_the_essays_heading_as_in_the_text()
    {
        Open($"/?q={Uri.EscapeDataString("反思")}");
        WaitForStatus("个段落匹配");
        var titled = Hits.Where(hit => hit.FindElement(By.ClassName("hit-title")).Text == "刚刚，奥特曼更新博客：创业第十年，我的反思").ToList();
        Assert.NotEmpty(titled);
        Assert.All(titled, hit => Assert.Equal(["反思"], hit.FindElements(By.CssSelector(".hit-title mark")).Select(mark => mark.Text)));
        string background = "return getComputedStyle(arguments[0]).backgroundColor";
        Assert.Equal(browser.Script(background, titled[0].FindElement(By.CssSelector(".snippet mark"))), browser.Script(background, titled[0].FindElement(By.CssSelector(".hit-title mark"))));

        titled[0].Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-title mark")).Count > 0, "the essay's heading to be marked");
        Assert.Equal(["反思"], Driver.FindElements(By.CssSelector("#essay-title mark")).Select(mark => mark.Text));
        Assert.Equal("刚刚，奥特曼更新博客：创业第十年，我的反思", Driver.FindElement(By.Id("essay-title")).Text);
    }

    /// <summary>
    /// A relaxed question is explained in Chinese (the API's English notice stays as the status line's tooltip), dates read as people write them, and its
    /// essay counts the matches of the words searched, not of the question as typed.
    /// </summary>
    [Fact]
    public void A_relaxed_question_is_explained_in_chinese_and_its_essay_counts_the_words_searched()
    {
        Open($"/?q={Uri.EscapeDataString("奥特曼对未来有什么看法")}");
        WaitForStatus("没有段落含有原样的查询，已改为搜索含有其中任一词语的段落，含词多的在前：奥特曼 未来 看法；略去：对 有 什么；没有段落含有：看法");
        Assert.DoesNotContain("no paragraph", Status.Text);
        Assert.StartsWith("no paragraph has the query as written", Status.GetAttribute("title"));
        // Dates as people write them (the API's are ISO 8601: 2025-01-06T10:39).
        var dates = Hits.Select(hit => hit.FindElement(By.ClassName("meta")).Text).Where(meta => meta.Contains("2025-01-06")).ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates, meta => Assert.Contains("2025-01-06 10:39", meta));

        Hits[0].Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p.target")).Count == 1, "the reading view");
        int marks = Driver.FindElements(By.CssSelector("#essay-body mark")).Count;
        WaitForStatus("本文有");
        Assert.Equal($"本文有 {marks} 处“奥特曼”“未来”", Status.Text); // not “看法”, searched too: this essay has none

        // A word in no paragraph, beside none in one, searched as the words inside it.
        Open($"/?q={Uri.EscapeDataString("超级计算机")}");
        WaitForStatus("已改为搜索含有其中任一词语的段落，含词多的在前：超级 计算机；没有段落含有 超级计算机，已拆成 超级 计算机 搜索");

        // A question that a paragraph has as written: that paragraph first, then the others with its words.
        Open($"/?q={Uri.EscapeDataString("发生了什么")}");
        WaitForStatus("含有原样查询的 1 个段落在前，其后是含有其中任一词语的段落，含词多的在前：发生；略去：了 什么");
        Assert.Equal("发生了什么", Hits[0].FindElement(By.TagName("mark")).Text);

        Open($"/?q={Uri.EscapeDataString("\"altman")}");
        WaitForStatus("（查询语法无法识别，已按普通文本搜索；没有段落的正文含有全部词语，已连同标题、作者、章节和标签一起搜索）");
        Assert.Contains("unbalanced quote", Status.GetAttribute("title"));

        // Relaxed to its words as typed (the answer then has no "searched"), and relaxed to nothing.
        Open($"/?q={Uri.EscapeDataString("Altman 量子")}");
        WaitForStatus("个段落匹配（没有段落含有原样的查询，已改为搜索含有其中任一词语的段落，含词多的在前：Altman 量子；没有段落含有：量子）");
        Hits[0].Click();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p.target")).Count == 1, "the reading view");
        // Found by its author, it has nothing marked: the words searched are quoted, and said to be missing from its text.
        Assert.Empty(Driver.FindElements(By.CssSelector("#essay-body mark")));
        WaitForStatus("正文中没有“Altman”“量子”；本文因标题、作者、标签、来源或链接相符而被找到");
        Open($"/?q={Uri.EscapeDataString("量子 引力")}");
        WaitForStatus("没有段落包含“量子 引力”（也没有段落含有其中任一词语：量子 引力）");
        Open($"/?q={Uri.EscapeDataString("robots")}");
        WaitForStatus("含词多的在前：robots；robots 也按 机器人 搜索）");
    }

    /// <summary>
    /// The essay view names the words it marked, not the query as typed, where an exclusion (-手机) read as matched, and a
    /// field or an operator as words: the words the query names in its order, the others (a phrase's words joined, the
    /// words a word being typed starts) after them, at most four.
    /// </summary>
    [Theory]
    [InlineData(TestData.GentleSingularity, "智能 -手机", "“智能”")]
    [InlineData(TestData.Reflections, "title:奥特曼 反思", "“反思”")]
    [InlineData(TestData.GentleSingularity, "智能 -手机 \"超级 智能\"", "“智能”“超级智能”")] // 超级智能 marked first
    [InlineData(TestData.Reflections, "未来 opena", "“未来”“OpenAI”")] // OpenAI marked first
    [InlineData(TestData.Reflections, "智能 OR 未来 OR 反思 OR 创业 OR 奥特曼", "“智能”“未来”“反思”“创业”等")]
    [InlineData(TestData.GentleSingularity, "robots", "“机器人”")] // relaxed, and searched in Chinese too
    public void The_essay_view_names_the_words_it_marked_in_the_querys_order(string essay, string query, string named)
    {
        Open($"/?essay={essay}&q={Uri.EscapeDataString(query)}");
        WaitForStatus("本文有");
        Assert.Equal($"本文有 {Driver.FindElements(By.CssSelector("#essay-body mark")).Count} 处{named}", Status.Text);
    }

    /// <summary>A query of exclusions alone says in Chinese what it lists, and in what order, where it listed paragraphs unexplained.</summary>
    [Fact]
    public void A_query_of_exclusions_only_is_explained_in_chinese()
    {
        Open($"/?q={Uri.EscapeDataString("-智能")}");
        WaitForStatus("个段落匹配（查询只有要排除的词：列出其余全部段落，不分名次，按文章（文件名）和段落的顺序）");
        Assert.StartsWith("the query only excludes words", Status.GetAttribute("title"));
        // Its essay is not said to be found by its title or author, as one with nothing marked otherwise is.
        Hits[0].Click();
        WaitForStatus("查询只有要排除的词：找到的段落不含这些词，文中没有可标出的匹配");
    }

    /// <summary>
    /// A total past the engine's exact count reads the same on every page, "more than 1000": the lower bound the engine
    /// gives grows with the hits asked for, and the page showed it as "至少 N", N growing as the reader turned pages.
    /// Past the 1,000th hit, the page's range gives its own end as the bound; past the last hit, the last page is shown.
    /// </summary>
    [Fact]
    public async Task A_total_past_the_exact_count_reads_the_same_on_every_page()
    {
        // 1,000 long paragraphs, counted exactly; 15 short ones, which fill the first page, not the second; then, among more
        // long ones, 20 of middle length, which can rank on the second page and so are counted only when it is asked for;
        // last, 200 longer still, which rank below every page asked for here, and so are skipped uncounted on each.
        const string filler = "海洋里一种古老的软体动物，外壳呈螺旋形，";
        string longer = $"鹦鹉螺：{string.Concat(Enumerable.Repeat(filler, 4))}\n\n", middle = $"鹦鹉螺：{filler}\n\n";
        string essay = string.Concat(Enumerable.Repeat(longer, 1_000)) + string.Concat(Enumerable.Repeat("鹦鹉螺。\n\n", 15))
            + string.Concat(Enumerable.Repeat(middle + string.Concat(Enumerable.Repeat(longer, 100)), 20))
            + string.Concat(Enumerable.Repeat($"鹦鹉螺：{string.Concat(Enumerable.Repeat(filler, 12))}\n\n", 200));
        using var own = new RunningServer(withSeeds: true, extraEssay: essay);
        async Task<(int Total, bool Exact)> Bound(int offset)
        {
            using var json = JsonDocument.Parse(await own.Client.GetStringAsync($"/api/search?q={Uri.EscapeDataString("鹦鹉螺")}&offset={offset}"));
            return (json.RootElement.GetProperty("total").GetInt32(), json.RootElement.GetProperty("total_exact").GetBoolean());
        }
        var (first, second) = (await Bound(0), await Bound(10));
        Assert.False(first.Exact || second.Exact || (await Bound(990)).Exact || (await Bound(1990)).Exact);
        Assert.True(first.Total < second.Total, $"the bound of the first page, {first.Total}, below the second's, {second.Total}");

        Driver.Navigate().GoToUrl(new Uri(own.Url, $"/?q={Uri.EscapeDataString("鹦鹉螺")}"));
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 1–10 条，共超过 1000 条", "page 1");
        Assert.Equal("超过 1000 个段落匹配", Status.Text);
        Driver.FindElement(By.Id("next")).Click();
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 11–20 条，共超过 1000 条", "page 2");
        Assert.Equal("超过 1000 个段落匹配", Status.Text);
        // Past the 1,000th hit, the range's end is the bound said ("第 1991–2000 条，共超过 1000 条" contradicted itself).
        Driver.Navigate().GoToUrl(new Uri(own.Url, $"/?q={Uri.EscapeDataString("鹦鹉螺")}&page=100"));
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 991–1000 条，共超过 1000 条", "page 100");
        Driver.FindElement(By.Id("next")).Click();
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 1001–1010 条，共 1010 条以上", "page 101");
        Driver.Navigate().GoToUrl(new Uri(own.Url, $"/?q={Uri.EscapeDataString("鹦鹉螺")}&page=200"));
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 1991–2000 条，共 2000 条以上", "page 200");
        Assert.Equal("超过 1000 个段落匹配", Status.Text);
        // A page past the last hit is counted whole, as the engine steps over paragraphs only once it holds as many as the
        // page asks for: its total is exact, whatever the first page said, and the page shows the last page of hits instead.
        Assert.Equal((3_235, true), await Bound(3_990));
        Driver.Navigate().GoToUrl(new Uri(own.Url, $"/?q={Uri.EscapeDataString("鹦鹉螺")}&page=400"));
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 3231–3235 条，共 3235 条", "the last page");
        Assert.Equal("?q=鹦鹉螺&page=324", QueryOf(Location));
        // "More than" holds as long as the page's number is the engine's.
        Assert.Contains($"const EXACT_TOTAL_UP_TO = {TopParagraphs.ExactTotalUpTo};", await own.Client.GetStringAsync("/app.js"));
    }

    /// <summary>A date that is not ISO 8601 is shown as written: only the T between an ISO date and its time becomes a space.</summary>
    [Fact]
    public void A_date_as_written_is_shown_as_written()
    {
        using var own = new RunningServer(withSeeds: true, extraEssay: "# 日期\n\n作者: 某人\n发布时间: Tuesday evening\n\n日期写法测试。\n", extraEssayFile: "日期.md");
        Driver.Navigate().GoToUrl(new Uri(own.Url, $"/?q={Uri.EscapeDataString("日期写法测试")}"));
        browser.WaitUntil(() => Hits.Count == 1, "the hit");
        Assert.StartsWith("某人 · Tuesday evening · ", Hits[0].FindElement(By.ClassName("meta")).Text);
    }

    [Fact]
    public void The_url_holds_the_query_and_page_and_the_keyboard_moves_through_hits()
    {
        Open($"/?q={Uri.EscapeDataString("智能")}&page=2");
        WaitForStatus("23 个段落匹配");
        Assert.Equal("智能", Box.GetAttribute("value"));
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 11–20 条，共 23 条", "page 2");

        Driver.FindElement(By.Id("next")).Click();
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 21–23 条，共 23 条", "page 3");
        Assert.Equal("?q=智能&page=3", QueryOf(Location));
        Driver.Navigate().Back();
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 11–20 条，共 23 条", "back to page 2");

        // "/" focuses the box; arrow keys move through the hits; Enter opens the one focused.
        Driver.FindElement(By.Id("next")).Click();
        browser.WaitUntil(() => Hits.Count == 3, "page 3");
        new Actions(Driver).SendKeys("/").Perform();
        Assert.Equal("q", Driver.SwitchTo().ActiveElement().GetAttribute("id"));
        new Actions(Driver).SendKeys(Keys.ArrowDown).SendKeys(Keys.ArrowDown).Perform();
        string second = Hits[1].GetAttribute("href")!;
        Assert.Equal(second, Driver.SwitchTo().ActiveElement().GetAttribute("href"));
        new Actions(Driver).SendKeys(Keys.Enter).Perform();
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p.target")).Count == 1, "the reading view");
        Assert.Equal(new Uri(second).Query, Location.Query);
    }

    /// <summary>
    /// A page past the last hit shows the last page however far past it is: page 99999999999, past the offsets the API
    /// takes, said 页码超出范围 with no hits, where page 400 showed the last page.
    /// </summary>
    [Theory]
    [InlineData("400")]
    [InlineData("99999999999")]
    [InlineData("214748355")] // the last page whose offset the API takes
    [InlineData("214748356")] // the first it refuses
    public void A_page_past_the_last_hit_shows_the_last_page(string page)
    {
        Open($"/?q={Uri.EscapeDataString("智能")}&page={page}");
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 21–23 条，共 23 条", "the last page");
        Assert.Equal("?q=智能&page=3", QueryOf(Location));
        Assert.Equal("23 个段落匹配", Status.Text);
    }

    private bool PagerShown => Driver.FindElement(By.Id("pager")).Displayed;

    /// <summary>The pager shows only while there is more than one page of hits: not on the empty page, nor once the box is cleared.</summary>
    [Fact]
    public void The_pager_shows_only_when_there_are_pages_to_turn()
    {
        Open();
        Assert.False(PagerShown);
        Box.SendKeys("智能");
        WaitForStatus("23 个段落匹配");
        Assert.True(PagerShown);
        Driver.FindElement(By.Id("next")).Click();
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 11–20 条，共 23 条", "page 2");
        Assert.Equal(0L, (long)browser.Script("return Math.round(window.scrollY)")!); // the new page from its first hit
        browser.Script("const box = document.getElementById('q'); box.value = ''; box.dispatchEvent(new Event('input'));");
        browser.WaitUntil(() => Hits.Count == 0, "the hits to go");
        Assert.False(PagerShown);
        Box.SendKeys("超级智能");
        WaitForStatus("5 个段落匹配");
        Assert.False(PagerShown);
    }

    /// <summary>A pasted page of text is refused with the engine's limit, before it goes into the URL or to the server.</summary>
    [Fact]
    public void A_query_longer_than_the_engine_takes_is_refused_on_the_page()
    {
        Open($"/?q={Uri.EscapeDataString("超级智能")}");
        WaitForStatus("5 个段落匹配");
        long searches = Searches;
        browser.Script("const box = document.getElementById('q'); box.value = '超级智能'.repeat(500); box.dispatchEvent(new Event('input'));");
        WaitForStatus("查询太长：2000 个字符，最多 1000 个");
        Assert.Equal(searches, Searches);
        Assert.Equal("?q=超级智能", QueryOf(Location));
    }

    /// <summary>A link whose query is longer than the engine takes, and whose URL is over the server's limit, opens the page, which says so.</summary>
    [Fact]
    public void A_link_with_a_query_longer_than_the_engine_takes_says_so_on_the_page()
    {
        string query = string.Concat(Enumerable.Repeat("超级智能", 500));
        Open($"/?q={Uri.EscapeDataString(query)}");
        WaitForStatus("查询太长：2000 个字符，最多 1000 个");
        Assert.Equal(query, Box.GetAttribute("value"));
        // Refused before it was sent (the page's own count of searches begins after its first).
        Assert.Equal(0L, browser.Script("return performance.getEntriesByType('resource').filter(entry => entry.name.includes('/api/')).length"));
    }

    /// <summary>After a failed search, Enter searches the same query again.</summary>
    [Fact]
    public void Enter_tries_a_failed_search_again()
    {
        Open();
        browser.Script("window.failNext = true");
        Box.SendKeys("超级智能");
        WaitForStatus("无法连接搜索服务");
        Assert.Equal("error", Status.GetAttribute("class"));
        Box.SendKeys(Keys.Enter);
        WaitForStatus("5 个段落匹配");
        Assert.Equal(5, Hits.Count);
    }

    /// <summary>
    /// A search the server does not answer (hung, or stopped) is given up and said to be, where the page said 搜索中… for
    /// ever; while it is awaited, the hits of the query before are dimmed and cannot be opened, where they stayed under the
    /// new query as though they were its answer.
    /// </summary>
    [Fact]
    public void A_search_the_server_does_not_answer_is_given_up_and_the_hits_before_are_not_taken_for_its_answer()
    {
        Open($"/?q={Uri.EscapeDataString("智能")}");
        WaitForStatus("23 个段落匹配");
        browser.Script("window.hangNext = true");
        Box.Clear();
        Box.SendKeys("未来");
        browser.WaitUntil(() => QueryOf(Location) == "?q=未来", "the new search");
        browser.WaitUntil(() => Driver.FindElement(By.Id("results")).GetAttribute("class") == "stale", "the hits before to be dimmed");
        Assert.Equal("搜索中…", Status.Text);
        Assert.True((bool)browser.Script("return document.getElementById('hits').inert")!, "the hits before cannot be opened");
        browser.WaitUntil(() => Convert.ToDouble(browser.Script("return getComputedStyle(document.getElementById('results')).opacity")) < 0.5, "the dimming's transition");
        browser.SaveScreenshot("serve-awaiting.png");

        browser.WaitUntil(() => Status.Text == "搜索服务 12 秒内没有回答，请稍后按回车重试", "the search to be given up", seconds: 15);
        Assert.Equal("error", Status.GetAttribute("class"));
        Assert.Empty(Hits);
        Box.SendKeys(Keys.Enter);
        WaitForStatus("个段落匹配");
        Assert.NotEmpty(Hits);
        Assert.Equal("", Driver.FindElement(By.Id("results")).GetAttribute("class"));
        Assert.False((bool)browser.Script("return document.getElementById('hits').inert")!);
    }

    /// <summary>
    /// While an essay is awaited, the essay shown before is dimmed and out of reach, as the hits before a search's answer
    /// are: it stayed as it was under 载入中…, as though it were the essay opened.
    /// </summary>
    [Fact]
    public void The_essay_before_is_dimmed_while_the_next_is_awaited()
    {
        Open($"/?q={Uri.EscapeDataString("智能")}");
        WaitForStatus("23 个段落匹配");
        Hits[0].Click();
        WaitForStatus("本文有");
        Assert.Equal("", Driver.FindElement(By.Id("reader")).GetAttribute("class"));
        Driver.Navigate().Back();
        WaitForStatus("23 个段落匹配");
        browser.Script("window.hangNext = true");
        Hits[^1].Click();
        browser.WaitUntil(() => Driver.FindElement(By.Id("reader")).GetAttribute("class") == "stale", "the essay before to be dimmed");
        Assert.Equal("载入中…", Status.Text);
        Assert.True((bool)browser.Script("return document.getElementById('reader').inert")!, "the essay before cannot be used");
        Open($"/?q={Uri.EscapeDataString("智能")}"); // not waiting the twelve seconds for the request to be given up
    }

    /// <summary>
    /// A search typed after the reader has looked at another is an entry of its own, which Back returns from; the pauses
    /// of one query typed are not (before, every search replaced the one before it, and Back left the page).
    /// </summary>
    [Fact]
    public void Back_returns_from_a_new_search_to_the_one_before_not_to_each_pause_of_its_typing()
    {
        Open();
        Box.SendKeys("超级");
        browser.WaitUntil(() => QueryOf(Location) == "?q=超级", "the first pause's search");
        Box.SendKeys("智能"); // typed on at once: the same search, revised
        WaitForStatus("5 个段落匹配");
        Thread.Sleep(1500); // the reader looks at the hits
        Box.SendKeys(Keys.Control + "a");
        Box.SendKeys("反思");
        browser.WaitUntil(() => QueryOf(Location) == "?q=反思", "the new search");
        Driver.Navigate().Back();
        browser.WaitUntil(() => QueryOf(Location) == "?q=超级智能" && Box.GetAttribute("value") == "超级智能", "back to 超级智能");
        WaitForStatus("5 个段落匹配");
    }

    /// <summary>Escape in the search box, while an essay is read, returns to its results, the query kept (the browser's own Escape emptied the box).</summary>
    [Fact]
    public void Escape_in_the_search_box_while_reading_returns_to_the_results()
    {
        Open($"/?q={Uri.EscapeDataString("反思")}");
        WaitForStatus("个段落匹配");
        browser.Script("arguments[0].click()", Hits[0]);
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p.target")).Count == 1, "the reading view");
        Assert.True(Driver.FindElement(By.Id("back")).Displayed);
        Box.Click();
        Box.SendKeys(Keys.Escape);
        browser.WaitUntil(() => Hits.Count > 0 && QueryOf(Location) == "?q=反思", "the results again");
        Thread.Sleep(500); // past the pause after which an emptied box would have searched for nothing
        Assert.Equal("?q=反思", QueryOf(Location));
        Assert.Equal("反思", Box.GetAttribute("value"));
        Assert.NotEmpty(Hits);
        Assert.False(Driver.FindElement(By.Id("back")).Displayed);
    }

    /// <summary>
    /// An essay found by its author, not its text, says so in the reading view, rather than "0 matches": searched as typed,
    /// and by its words (Altman 为什么, a question, 为什么 left out), which said "本文有 0 处“Altman”".
    /// </summary>
    [Theory]
    [InlineData("Sam Altman", "正文中没有“Sam Altman”")]
    [InlineData("Altman 为什么", "正文中没有“Altman”")]
    public void An_essay_found_by_its_author_says_so_rather_than_counting_no_matches(string query, string missing)
    {
        Open($"/?q={Uri.EscapeDataString(query)}");
        WaitForStatus("个段落匹配");
        browser.Script("arguments[0].click()", Hits[0]);
        WaitForStatus($"{missing}；本文因标题、作者、标签、来源或链接相符而被找到");
        Assert.Empty(Driver.FindElements(By.CssSelector("#essay-body mark")));
    }

    /// <summary>The API's errors are said in Chinese on the page, the English message kept as the status line's tooltip.</summary>
    [Theory]
    [InlineData("/?q=%F0%9F%98%80", "查询里没有可搜索的词", "no searchable words")]
    [InlineData("/?essay=nope&q=x", "索引中没有这篇文章", "no essay 'nope'")]
    // A field's name or a sign alone is said as such, where it was said to be only AND, OR and NOT.
    [InlineData("/?q=title%3A", "查询只有 title:，没有要搜索的词", "the query is only title:, with nothing to search")]
    [InlineData("/?q=-", "查询只有 -，没有要搜索的词", "the query is only -, with nothing to search")]
    [InlineData("/?q=%2B", "查询只有 +，没有要搜索的词", "the query is only +, with nothing to search")]
    [InlineData("/?q=OR", "查询只有 OR，没有要搜索的词", "the query is only OR, with nothing to search")]
    public void Errors_are_said_in_chinese_with_the_english_as_the_tooltip(string path, string chinese, string english)
    {
        Open(path);
        WaitForStatus(chinese);
        Assert.Equal("error", Status.GetAttribute("class"));
        Assert.Contains(english, Status.GetAttribute("title"));
    }

    /// <summary>
    /// A field's name or a sign being typed (title: on the way to title:反思, - on the way to -手机) waits for its term,
    /// where each was searched as it stood and refused, the status line flashing red with every keystroke.
    /// </summary>
    [Theory]
    [InlineData("title:反思", "title:")]
    [InlineData("-手机", "-")]
    public void A_field_or_sign_being_typed_waits_for_its_term_without_an_error(string query, string begun)
    {
        Open();
        RecordErrors();
        TypeKeyByKey(query);
        WaitForStatus("个段落匹配");
        Assert.Empty(ErrorsRecorded());
        Assert.Equal($"?q={query}", QueryOf(Location));
        // Enter searches what is typed as it stands.
        Box.Clear();
        Box.SendKeys(begun + Keys.Enter);
        WaitForStatus($"查询只有 {begun}，没有要搜索的词");
    }

    /// <summary>
    /// An operator being typed waits for what it joins, as a field's name does: OR, on the way to ORM, was searched alone and
    /// refused, the status line flashing red. Enter searches it as it stands.
    /// </summary>
    [Fact]
    public void An_operator_being_typed_waits_without_an_error()
    {
        Open();
        RecordErrors();
        TypeKeyByKey("ORM");
        WaitForStatus("ORM");
        Assert.Empty(ErrorsRecorded());
        Box.Clear();
        Box.SendKeys("OR" + Keys.Enter);
        WaitForStatus("查询只有 OR，没有要搜索的词");
    }

    /// <summary>From now on, every error the status line shows is recorded (<see cref="ErrorsRecorded"/>), however briefly.</summary>
    private void RecordErrors() => browser.Script("""
        window.errors = [];
        new MutationObserver(() => { if (arguments[0].classList.contains('error')) window.errors.push(arguments[0].textContent); })
          .observe(arguments[0], { attributes: true, childList: true, characterData: true, subtree: true });
        """, Status);

    private IEnumerable<object> ErrorsRecorded() => (IEnumerable<object>)browser.Script("return window.errors")!;

    /// <summary>Types <paramref name="text"/> a key at a time, each after twice the page's debounce: each keystroke searches on its own.</summary>
    private void TypeKeyByKey(string text)
    {
        foreach (char c in text)
        {
            Box.SendKeys(c.ToString());
            Thread.Sleep(400);
        }
    }

    /// <summary>The page's list of fields, by which it knows a field's name being typed, is the engine's.</summary>
    [Fact]
    public async Task The_pages_fields_are_the_engines()
    {
        Open();
        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/api/search?q=zz:x"));
        string listed = System.Text.RegularExpressions.Regex.Match(json.RootElement.GetProperty("notice").GetString()!, @"\(fields: ([^)]+)\)").Groups[1].Value;
        Assert.Equal([.. listed.Split(", "), "text"], ((IEnumerable<object>)browser.Script("return FIELDS")!).Cast<string>());
    }

    /// <summary>
    /// Every error the API gives is said in Chinese on the page, where those the page had no words for were shown in
    /// English after "无法搜索这个查询：": the engine's for a query (QueryCompiler), and the server's for a request (its
    /// validation and its limits). Each is asked of a real server, and its message fed to the page's own inChinese.
    /// </summary>
    [Fact]
    public async Task Every_error_of_the_api_is_said_in_chinese()
    {
        var errors = new List<(int Status, string Message)>();
        async Task Ask(HttpRequestMessage request, RunningServer from)
        {
            using (request)
            using (var response = await from.Client.SendAsync(request))
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                errors.Add(((int)response.StatusCode, json.RootElement.GetProperty("error").GetString()!));
            }
        }
        Task Get(string path) => Ask(new HttpRequestMessage(HttpMethod.Get, path), server);
        string Search(string query) => $"/api/search?q={Uri.EscapeDataString(query)}";

        // The engine's: empty, too long, no searchable words, only a field, only exclusions (of the query, of a group), and
        // syntax it does not understand or refuses, then as plain text with nothing to search.
        foreach (string query in new[] { " ", new string('智', 1001), "。", new string('a', 256), "title:", "。 -智能", "智能 OR (。 -手机)",
                     "-XX:+UseG1GC", "\"。", "-\"智能", "-(智能", "-智*能", "-智能~", "-title:/ab/", "-zz:智能" })
            await Get(Search(query));
        // A range is refused as syntax too, but no query with one is refused whole (its words are searched as plain text):
        // its problem as a notice says it, here as it would be said in an error.
        using (var notice = JsonDocument.Parse(await server.Client.GetStringAsync(Search("[a TO b] 智能"))))
            errors.Add((400, $"{notice.RootElement.GetProperty("notice").GetString()!.Split("; ")[0]}, and as plain text the query only excludes words"));

        // The server's: parameters, encoding, the essay asked for, paths, methods, bodies and limits.
        foreach (string path in new[] { $"{Search("x")}&limit=0", $"{Search("x")}&offset=-1", $"{Search("x")}&full=maybe", $"{Search("x")}&lmit=5",
                     "/api/essays?sort=title", $"{Search("x")}&=5", "/api/search?q=a&q=b", "/api/search?q=%FF", "/api/essays/%FF", "/api/essays/nope",
                     "/api/serch", "/nothing", $"{Search("x")}&offset={new string('0', 17_000)}" })
            await Get(path);
        var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        elsewhere.Headers.Host = "attacker.example";
        await Ask(elsewhere, server);
        await Ask(new HttpRequestMessage(HttpMethod.Post, "/api/health") { Content = new StringContent("x") }, server);
        await Ask(new HttpRequestMessage(HttpMethod.Delete, "/api/health"), server);
        var large = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        large.Headers.Add("X-Padding", new string('x', 17_000));
        await Ask(large, server);
        var many = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        foreach (int n in Enumerable.Range(1, 64))
            many.Headers.Add($"X-Header-{n}", "x");
        await Ask(many, server);
        using (var own = new RunningServer(withSeeds: true, extraEssay: "正文。\0", extraEssayFile: "坏.md"))
            await Ask(new HttpRequestMessage(HttpMethod.Get, "/api/essays/坏"), own);
        // No request gives these on purpose: a failure of the server's own, and a status no handler sets.
        errors.Add((500, "internal error; the server's standard error says more"));
        errors.Add((418, "the request failed with status 418"));

        Open();
        foreach (var (status, message) in errors)
        {
            string chinese = (string)browser.Script("return inChinese(arguments[0], arguments[1])", status, message)!;
            Assert.False(chinese.StartsWith("无法搜索这个查询：", StringComparison.Ordinal), $"no Chinese for {status} '{message}'");
            // Names, values and paths stay as given (title:, lmit, UTF-8); no English sentence does.
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(chinese, "[A-Za-z]{2,} [A-Za-z]{2,}"), $"'{message}' is said half in English: {chinese}");
        }
    }

    /// <summary>
    /// The places in the engine and the server that make an error's message, counted: one added (or taken away) fails this
    /// test, so that its message gets its Chinese in the page's inChinese and a request in the test above.
    /// </summary>
    [Fact]
    public void Each_place_that_makes_an_error_message_is_known_to_the_test_of_their_chinese()
    {
        var sites = new System.Text.RegularExpressions.Regex(
            @"BadQuery, |new Refused\(|new BadRequestException\(|Error\(StatusCodes\.|StatusCodes\.Status\d+\w* => |\(StatusCodes\.Status\d+\w*, \$?""|return """);
        int count = new[] { "src/EssaySearch/Searching/QueryCompiler.cs", "src/EssaySearch.Cli/Server/Api.cs", "src/EssaySearch.Cli/Server/SearchServer.cs" }
            .Sum(file => sites.Matches(File.ReadAllText(Path.Combine(TestData.RepositoryRoot, file))).Count);
        Assert.True(count == 32, $"{count} places make an error message, not 32: give a new one its Chinese in app.js (inChinese) and a request in Every_error_of_the_api_is_said_in_chinese, then count it here");
    }

    /// <summary>
    /// A server with no index to answer from, for a reason trying again does not change (its seeds folder empty, or gone),
    /// says why on the page, where the page said to try again later and gave the reason only in the tooltip. One that may
    /// soon answer (a request over its time, an index not opened yet) is still worth trying again.
    /// </summary>
    [Theory]
    [InlineData(true, "文章文件夹“{seeds}”里没有 .md、.markdown 或 .txt 文件，没有可搜索的文章")]
    [InlineData(false, "“{index}”中没有索引，也没有文章文件夹“{seeds}”可以建立索引：启动时用 --seeds 指定文章文件夹")]
    public void A_server_without_an_index_says_why_and_not_to_try_again_later(bool emptySeeds, string why)
    {
        using var own = new RunningServer(withSeeds: false, emptySeeds: emptySeeds);
        Driver.Navigate().GoToUrl(new Uri(own.Url, $"/?q={Uri.EscapeDataString("智能")}"));
        browser.WaitUntil(() => Status.GetAttribute("class") == "error", "the error");
        Assert.Equal(why.Replace("{seeds}", own.Seeds).Replace("{index}", own.IndexFolder), Status.Text);
        Assert.Contains(own.Seeds, Status.GetAttribute("title"));
        browser.SaveScreenshot($"serve-no-index-{(emptySeeds ? "empty" : "gone")}.png");
        foreach (string transient in new[] { "the request took too long", "the index has not been opened yet" })
            Assert.EndsWith("请稍后按回车重试", (string)browser.Script("return inChinese(503, arguments[0])", transient)!);
    }

    /// <summary>
    /// An index the server cannot read, or that another version built, is said in Chinese with what to run, as the server
    /// answers it (Commands.Describe of the engine's errors); it was said in English.
    /// </summary>
    [Fact]
    public void A_damaged_or_incompatible_index_is_said_in_chinese()
    {
        Open();
        var folder = new EssaySearch.Schema.IndexFolder("/srv/index");
        string damaged = EssaySearch.Cli.Commands.Describe(folder.Damaged(new IOException("read past EOF")));
        string incompatible = EssaySearch.Cli.Commands.Describe(folder.Incompatible("was analyzed with 'a/1', not 'a/2'"));
        Assert.Equal("“/srv/index”中的索引已损坏或无法读取：运行 `search index --full` 重建后即可搜索",
            (string)browser.Script("return inChinese(503, arguments[0])", damaged)!);
        Assert.Equal("“/srv/index”中的索引由另一版本建立，无法搜索：运行 `search index` 重建后即可搜索",
            (string)browser.Script("return inChinese(503, arguments[0])", incompatible)!);
    }

    /// <summary>The page loads without an error in the console: its icon was a data: URL, which its own Content-Security-Policy refused.</summary>
    [Fact]
    public async Task The_page_loads_without_a_console_error()
    {
        Driver.Manage().Logs.GetLog(LogType.Browser); // what earlier tests left
        Open($"/?q={Uri.EscapeDataString("智能")}");
        WaitForStatus("个段落匹配");
        Thread.Sleep(500); // the icon is fetched after the page
        var logged = Driver.Manage().Logs.GetLog(LogType.Browser).Where(entry => entry.Level >= LogLevel.Warning).Select(entry => entry.Message).ToList();
        Assert.True(logged.Count == 0, string.Join("\n", logged));
        string icon = (string)browser.Script("return document.querySelector('link[rel=icon]').href")!;
        using var response = await server.Client.GetAsync(icon);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>A query whose only word is too long to index says so, where the page blamed punctuation, symbols and emoji.</summary>
    [Fact]
    public void A_word_too_long_to_index_is_said_to_be_in_chinese()
    {
        Open($"/?q={new string('a', 256)}");
        WaitForStatus("查询里没有可搜索的词：超过 255 个字符的词不编入索引");
        Assert.Equal("error", Status.GetAttribute("class"));
        Assert.Contains("words longer than 255 characters are not indexed", Status.GetAttribute("title"));
    }

    /// <summary>A link to an essay with a query the engine refuses shows the essay, unmarked, and says why, where it showed nothing.</summary>
    [Fact]
    public void A_link_to_an_essay_with_a_refused_query_shows_the_essay_unmarked()
    {
        Open($"/?essay={TestData.GentleSingularity}&q=*");
        WaitForStatus("未标出匹配：通配符只能是词尾的 *；按普通文本搜索，又没有可搜索的词");
        Assert.Equal("The Gentle Singularity", Driver.FindElement(By.Id("essay-title")).Text);
        Assert.NotEmpty(Driver.FindElements(By.CssSelector("#essay-body p")));
        Assert.Empty(Driver.FindElements(By.CssSelector("#essay-body mark")));
    }

    /// <summary>Back shows the query of the page gone back to in the box, though the box has the focus and other words in it.</summary>
    [Fact]
    public void Back_puts_the_earlier_query_in_the_box_and_returns_the_keyboard_to_the_hit_opened()
    {
        Open($"/?q={Uri.EscapeDataString("智能")}");
        WaitForStatus("23 个段落匹配");
        Driver.FindElement(By.Id("next")).Click();
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 11–20 条，共 23 条", "page 2");
        Thread.Sleep(1500); // the reader looks at page 2
        Box.Click();
        Box.Clear();
        Box.SendKeys("未来");
        WaitForStatus("个段落匹配");
        browser.WaitUntil(() => QueryOf(Location) == "?q=未来", "the new query's page");
        Driver.Navigate().Back(); // typing began a new search: back is the page of 智能 it began on
        browser.WaitUntil(() => QueryOf(Location) == "?q=智能&page=2" && Box.GetAttribute("value") == "智能", "the box to say 智能 again");
        browser.WaitUntil(() => Driver.FindElement(By.Id("page-range")).Text == "第 11–20 条，共 23 条", "page 2");

        string second = Hits[1].GetAttribute("href")!;
        browser.Script("arguments[0].click()", Hits[1]); // the page's own header may lie over it, scrolled as it is
        browser.WaitUntil(() => Driver.FindElements(By.CssSelector("#essay-body p.target")).Count == 1, "the reading view");
        new Actions(Driver).SendKeys(Keys.Escape).Perform();
        browser.WaitUntil(() => Hits.Count > 0 && Driver.SwitchTo().ActiveElement().GetAttribute("href") == second, "the focus on the hit opened");
    }
}
