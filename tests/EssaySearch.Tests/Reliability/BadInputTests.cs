using EssaySearch.Searching;
using EssaySearch.Tests.Cli;
using EssaySearch.Schema;

namespace EssaySearch.Tests.Reliability;

/// <summary>Every odd query and option gets results or one clear error, from the library and from the command line.</summary>
public sealed class BadInputTests(SeedIndex index) : IClassFixture<SeedIndex>
{
    public static TheoryData<string> OddQueries => new()
    {
        "", "   ", new string('智', 10_001), "。，、!!!", "😀🎉", "\u0001\u0007", "智能\0机器",
        "\"超级智能", "(超级智能", "AND", "OR", "NOT", "title:", ":", "nofield:智能",
        "*", "?", "*能", "/.*/", "智能~", "智能~2", "智能^", "智能^abc", "((((((((((智能))))))))))", "[a TO",
    };

    [Theory]
    [MemberData(nameof(OddQueries))]
    public void The_library_answers_or_throws_its_own_query_exception(string query)
    {
        using var engine = SearchEngine.Open(index.IndexFolder);
        try
        {
            var results = engine.Search(query);
            Assert.All(results.Hits, hit => Assert.NotEmpty(hit.Highlights));
        }
        catch (EssaySearchException e) when (e.Kind == EssaySearchErrorKind.BadQuery)
        {
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(OddQueries))]
    public void The_command_answers_or_fails_with_one_line(string query)
    {
        var run = SearchCommand.Run("", "--index", index.IndexFolder, "--seeds", TestData.Seeds, "--", query);
        if (run.Exit == 2)
            run.AssertOneLineError();
        else
            Assert.DoesNotContain("   at ", run.Err);
        Assert.InRange(run.Exit, 0, 2);
    }

    [Fact]
    public void The_query_problem_is_named()
    {
        Assert.Contains("the query is empty", SearchCommand.Run("", "--index", index.IndexFolder, "--", " ").Err);
        Assert.Contains("10001 characters", SearchCommand.Run("", "--index", index.IndexFolder, "--", new string('智', 10_001)).Err);
        Assert.Contains("no searchable words", SearchCommand.Run("", "--index", index.IndexFolder, "--", "。，、!!!").Err);
        var exclusionsOnly = SearchCommand.Run("", "--index", index.IndexFolder, "--", "。 -智能");
        exclusionsOnly.AssertOneLineError();
        Assert.Contains("no searchable words", exclusionsOnly.Err);
        var tooLong = SearchCommand.Run("", "--index", index.IndexFolder, "--", new string('a', 256));
        tooLong.AssertOneLineError();
        Assert.Equal("search: the query has no searchable words (words longer than 255 characters are not indexed)\n", tooLong.Err);
    }

    [Fact]
    public void A_seeds_folder_that_is_empty_or_missing_is_a_one_line_error()
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.Sub("empty"));
        foreach (string seeds in new[] { scratch.Sub("empty"), scratch.Sub("missing") })
        {
            var build = SearchCommand.Run("", "index", "--seeds", seeds, "--index", scratch.Sub("index"));
            build.AssertOneLineError();
            Assert.Contains(seeds, build.Err);
        }
        var search = SearchCommand.Run("", "智能", "--seeds", scratch.Sub("empty"), "--index", scratch.Sub("index"));
        search.AssertOneLineError();
        Assert.Contains("holds no .md, .markdown or .txt files", search.Err);
    }

    [Fact]
    public void A_missing_index_folder_without_seeds_suggests_what_to_do()
    {
        using var scratch = new ScratchFolder();
        var run = SearchCommand.Run("", "智能", "--seeds", scratch.Sub("no-seeds"), "--index", scratch.Sub("no-index"));
        run.AssertOneLineError();
        Assert.Contains($"seeds folder '{scratch.Sub("no-seeds")}' does not exist", run.Err); // given, not to be asked for again
        Assert.DoesNotContain("pass --seeds", run.Err);

        Directory.CreateDirectory(scratch.Sub("empty-index"));
        var empty = SearchCommand.Run("", "智能", "--seeds", scratch.Sub("no-seeds"), "--index", scratch.Sub("empty-index"));
        empty.AssertOneLineError();
        Assert.Contains("search index", empty.Err);
    }

    /// <summary>An index folder that cannot be made (a file by its name) is one line naming it, not .NET's words.</summary>
    [Fact]
    public void An_index_folder_that_is_a_file_is_a_one_line_error()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.Sub("a-file"), "");
        foreach (var args in new[] { new[] { "智能" }, new[] { "index" } })
        {
            var run = SearchCommand.Run("", [.. args, "--seeds", TestData.Seeds, "--index", scratch.Sub("a-file")]);
            Assert.Equal(2, run.Exit);
            Assert.Equal($"search: cannot make the index folder '{scratch.Sub("a-file")}': a file has that name", run.Err.Trim().Split('\n')[^1]);
            Assert.DoesNotContain("   at ", run.Err);
        }
    }

    [Fact]
    public void An_unknown_encoding_is_a_one_line_error()
    {
        var run = SearchCommand.Run("", "index", "--encoding", "klingon", "--seeds", TestData.Seeds, "--index", index.IndexFolder);
        run.AssertOneLineError();
        Assert.Contains("unknown encoding 'klingon'", run.Err);
    }
}
