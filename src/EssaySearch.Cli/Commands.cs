using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using System.Text;
using EssaySearch.Cli.Rendering;
#if SERVER
using EssaySearch.Cli.Server;
#endif
using EssaySearch.Indexing;
using EssaySearch.Searching;
using EssaySearch.Schema;

namespace EssaySearch.Cli;

/// <summary>The command line: arguments, options and exit codes (0 found or done, 1 nothing found or stale, 2 error).</summary>
internal static class Commands
{
    public const int Found = 0, NotFound = 1, Error = 2;

    // A build stopped by a signal, as a shell reports a command that signal ended (128 + its number): Ctrl-C (SIGINT), SIGTERM.
    public const int Interrupted = 130, Terminated = 143;

    private const string Examples = """

        Examples:
          search 超级智能                  paragraphs that contain 超级智能
          search 人工智能 治理              paragraphs that contain both
          search '"GPT-4" OR o3' -n 3      Lucene syntax: phrases, AND/OR/NOT, +/-, (), field:value, trailing *
          search 'title:反思 AGI'          field search: title, author, section, tag, essay, link, source
          search --json 智能 | jq .total   machine-readable output
          search -- index                  search for the word "index" rather than rebuilding
          search index                     update the index: only the essays that changed
          search index --watch             keep the index current as files change
          search index --check             exit 1 when the index is stale or missing
          search serve --open              the search page and JSON API on http://127.0.0.1:8080/
        """;

    /// <param name="input">Standard input, asked for only by <c>--batch</c> (setting up the console's input is a visible part of a one-query run's start-up).</param>
    public static int Run(string[] args, Func<TextReader> input, TextWriter output, TextWriter error)
    {
        var query = new Argument<string[]>("QUERY") { Description = "Words to find: paragraphs with every one (AND); when none has them all, those with most of them, with a note", Arity = ArgumentArity.ZeroOrMore };
        var limit = new Option<int>("--limit", "-n") { Description = "Hits to show", DefaultValueFactory = _ => 10, HelpName = "N", CustomParser = WholeNumber };
        var offset = new Option<int>("--offset") { Description = "Hits to skip, for paging", HelpName = "N", CustomParser = WholeNumber };
        var full = new Option<bool>("--full") { Description = "Show the whole paragraph instead of a snippet" };
        var exactTotal = new Option<bool>("--exact-total") { Description = "Count every matching paragraph (past 1,000 the total is otherwise a lower bound)" };
        var json = new Option<bool>("--json") { Description = "Write one JSON object (schema in README)" };
        var batch = new Option<bool>("--batch") { Description = "Read one query per line from stdin, write JSON Lines" };
        var color = new Option<string>("--color") { Description = "Colour matches: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always, never", DefaultValueFactory = _ => "auto", HelpName = "WHEN" };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        var seeds = new Option<string?>("--seeds") { Description = "Folder of essays [default: $SEARCH_SEEDS, else the folder the index was built from, else ./seeds]", HelpName = "DIR", Recursive = true };
        var index = new Option<string?>("--index") { Description = "Folder of the index [default: ./index beside ./seeds, or $SEARCH_INDEX]", HelpName = "DIR", Recursive = true };
        var encoding = new Option<Encoding?>("--encoding")
        {
            Description = "Read seeds files that are not UTF-8 in this encoding, such as gb18030 [default: the one the index was built with, else refuse them]",
            HelpName = "NAME",
            Recursive = true,
            CustomParser = ParseEncoding,
        };
        var dict = new Option<string?>("--dict")
        {
            Description = "User dictionary: extra words for Chinese segmentation, one `word [frequency] [tag]` a line, as jieba's; '' for none [default: $SEARCH_DICT, else the one the index was built with]",
            HelpName = "FILE",
            Recursive = true,
        };
        var check = new Option<bool>("--check") { Description = "Do not build: exit 0 when the index is current, 1 (saying why) when stale or missing, or when it leaves out files it cannot read (listing them)" };
        foreach (var (option, least) in new[] { (limit, 1), (offset, 0) })
            option.Validators.Add(result =>
            {
                if (result.Tokens is [{ Value: var value }] && int.TryParse(value, out int n) && n < least)
                    result.AddError($"{option.Name} must be at least {least}, not {n}");
            });

        var fullBuild = new Option<bool>("--full") { Description = "Build the whole index anew (deterministic), rather than update only the essays that changed" };
        var watch = new Option<bool>("--watch") { Description = "Keep the index current as files change, one line per update, until Ctrl-C" };
        var indexCommand = new Command("index", "Update the index from the seeds folder: only added, changed and removed essays") { check, fullBuild, watch };
        indexCommand.SetAction(parse =>
        {
            if (parse.GetValue(watch) && (parse.GetValue(check) || parse.GetValue(fullBuild)))
                throw new UsageException("--watch updates the index as files change; it takes neither --check nor --full");
            var paths = Paths.Resolve(parse.GetValue(seeds), parse.GetValue(index));
            // A check opens the index once, and reads its manifest with it (17 MB at 150,000 files): what it was built from, what it
            // left out. A missing or unreadable index is left to IndexBuilder.CheckFreshness to describe.
            using var opened = parse.GetValue(check) ? OpenIfReadable(paths, new EngineOptions()) : null;
            var options = BuildOptionsFor(paths, BuildSettings.Given(parse.GetValue(dict), parse.GetValue(encoding)), opened?.Manifest);
            if (parse.GetValue(check))
            {
                var freshness = opened?.CheckFreshness(options.SeedsFolder, options.UserDictionary, options.FallbackEncoding, verifyChecksums: true)
                    ?? IndexBuilder.CheckFreshness(options, verifyChecksums: true);
                // Current, but without the files it left out: a check (in CI, say) fails on them, naming each.
                var leftOut = freshness.IsCurrent ? opened?.Manifest.LeftOut ?? [] : [];
                (freshness.IsCurrent && leftOut.Count == 0 ? output : error).WriteLine(freshness.NeedsFullBuild ? $"{freshness.Reason}; rebuild it with `search index --full`" : freshness.Reason);
                ListLeftOut(leftOut, error);
                return freshness.IsCurrent && leftOut.Count == 0 ? Found : NotFound;
            }
            if (parse.GetValue(watch))
            {
                var watcher = new IndexWatcher(options, error);
                // Stopped during its first update, the watch has not done what `search index` does: it is told as a stopped build.
                return Stoppable(options.IndexFolder, stop => watcher.Run(stop) ? Found : throw new OperationCanceledException(stop));
            }
            BuildResult result;
            using (var progress = Progress.On(error))
                result = Stoppable(options.IndexFolder, stop => parse.GetValue(fullBuild) ? IndexBuilder.Build(options, progress, stop) : IndexBuilder.Update(options, progress, stop));
            error.WriteLine(Describe(result, options.IndexFolder));
            ListLeftOut(result.Manifest.LeftOut, error);
            ListWarnings(result.Warnings, error);
            return Found;
        });

        var port = new Option<int>("--port") { Description = "TCP port to listen on (0: any free port)", DefaultValueFactory = _ => 8080, HelpName = "N", CustomParser = WholeNumber };
        port.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var value }] && int.TryParse(value, out int n) && n is < 0 or > 65535)
                result.AddError($"--port must be from 0 to 65535, not {n}");
        });
        var host = new Option<string>("--host") { Description = "Address to listen on; anything but loopback exposes the index to the network", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDR" };
        var openBrowser = new Option<bool>("--open") { Description = "Open the search page in a browser" };
        var serveWatch = new Option<bool>("--watch") { Description = "Keep the index current as files change, as `search index --watch` does" };
        var serveCommand = new Command("serve", "Serve the search page and a JSON API over HTTP until Ctrl-C") { port, host, openBrowser, serveWatch };
#if SERVER
        serveCommand.SetAction(parse => SearchServer.Run(
            new ServerOptions(Paths.Resolve(parse.GetValue(seeds), parse.GetValue(index)), parse.GetValue(host)!, parse.GetValue(port))
            {
                Settings = BuildSettings.Given(parse.GetValue(dict), parse.GetValue(encoding)),
                Watch = parse.GetValue(serveWatch),
            },
            parse.GetValue(openBrowser), output, error));
#else
        serveCommand.SetAction(_ => ServerExecutable.Run(args, error));
#endif

        var root = new RootCommand("search: full-text search of Chinese essays, ranked, with the matches highlighted." + Examples)
        {
            query, limit, offset, full, exactTotal, json, batch, color, seeds, index, encoding, dict, indexCommand, serveCommand,
        };
        // No parser directives ([suggest], …): a first word in brackets is the query's ([BOX], as notes link it). The parser
        // still takes leading bracketed words for directives, so they are put back in front of the query (DirectiveWords).
        root.Directives.Clear();
        root.SetAction(parse =>
        {
            string[] words = [.. DirectiveWords(parse), .. parse.GetValue(query) ?? []];
            bool asBatch = parse.GetValue(batch);
            if (words.Length == 0 && !asBatch)
                throw new UsageException("no query given; try `search 超级智能` or `search --help`");
            if (words.Length > 0 && asBatch)
                throw new UsageException($"--batch reads its queries from standard input, one per line; give it no query ('{string.Join(' ', words)}'), or leave --batch out");
            var paths = Paths.Resolve(parse.GetValue(seeds), parse.GetValue(index));
            using var engine = Open(paths, BuildSettings.Given(parse.GetValue(dict), parse.GetValue(encoding)), new EngineOptions(), error);
            StartupTrace.Mark("opened");
            var options = new SearchOptions(parse.GetValue(limit), parse.GetValue(offset), WholeParagraph: parse.GetValue(full), ExactTotal: parse.GetValue(exactTotal));
            if (asBatch)
                return Batch(engine, options, input(), output);
            var results = engine.Search(string.Join(' ', words), options);
            StartupTrace.Mark("searched");
            if (results.Notice is not null)
                error.WriteLine($"search: note: {results.Notice}");
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonRenderer.Write(results));
            }
            else
            {
                new HumanRenderer(output, UseColor(parse.GetValue(color)!, output)).Write(results);
                int shownTo = options.Offset + results.Hits.Count;
                if (shownTo < results.Total)
                    error.WriteLine($"{results.Hits.Count} of {(results.TotalExact ? "" : "at least ")}{results.Total} matching paragraphs shown; see more with --offset {shownTo}");
                else if (results.Hits.Count == 0 && results.Total > 0)
                    error.WriteLine($"none shown: all {results.Total} matching paragraphs come before --offset {options.Offset}");
                else if (results.Total == 0)
                    error.WriteLine("no matching paragraphs"); // said, as a blank screen may be taken for a hang or a failure
            }
            StartupTrace.Mark("written");
            return results.Total > 0 ? Found : NotFound;
        });

        var parsed = root.Parse(args, Parsing);
        StartupTrace.Mark("parsed");
        string? mistake = BeforeCommand(parsed, query) ?? (parsed.Errors.Count > 0 ? parsed.Errors[0].Message : UnknownOption(parsed));
        if (mistake is not null)
        {
            string help = parsed.CommandResult.Command == root ? "search --help" : $"search {parsed.CommandResult.Command.Name} --help";
            error.WriteLine($"search: {string.Join(' ', mistake.Split((char[])['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))} (see `{help}`)");
            return Error;
        }
        // System.CommandLine writes the root's QUERY into a command's usage and arguments (search [<QUERY>...] index), though
        // no command takes a query (BeforeCommand).
        if (parsed.Action is HelpAction && parsed.CommandResult.Command != root)
            query.Hidden = true;
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (BuildStoppedException e)
        {
            // Abandoned, its unfinished copy removed: the live index was never touched, or there was none.
            error.WriteLine(e.HadIndex ? "search: stopped; the index is as it was" : "search: stopped; no index was built");
            return e.ExitCode;
        }
        catch (Exception e)
        {
            error.WriteLine($"search: {Describe(e)}");
            return Error;
        }
    }

    /// <summary>
    /// Runs <paramref name="build"/> with a token that the first Ctrl-C or SIGTERM cancels, instead of ending the process at
    /// once, which would leave a build's unfinished copy behind: a build stops between two essays, told by
    /// <see cref="BuildStoppedException"/>, which <see cref="Run"/> reports. A second signal while the first is honoured is
    /// left to end the process at once, as users expect when a stop takes too long. That is safe: a build writes a copy of
    /// the index beside it and swaps it in whole (IndexFolder.SwapIn, one rename on Linux), so a process ended anywhere
    /// leaves the previous index or the new one, never a half-written one, and the next build removes the copy.
    /// </summary>
    private static T Stoppable<T>(string indexFolder, Func<CancellationToken, T> build)
    {
        using var stop = new CancellationTokenSource();
        int signalled = 0;
        var stoppedBy = PosixSignal.SIGINT;
        var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            // Each signal is handled on a thread of its own: two at once are still a first and a second.
            if (Interlocked.Increment(ref signalled) > 1)
                return; // not cancelled: the signal's default action ends the process
            context.Cancel = true;
            stoppedBy = context.Signal;
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The build ended as the signal came: nothing left to stop.
            }
        })).ToArray();
        try
        {
            return build(stop.Token);
        }
        catch (OperationCanceledException e) when (stop.IsCancellationRequested)
        {
            throw new BuildStoppedException(stoppedBy, HasIndex(indexFolder), e);
        }
        finally
        {
            foreach (var signal in signals)
                signal.Dispose();
        }
    }

    /// <summary>Whether <paramref name="indexFolder"/> holds an index, readable or not.</summary>
    private static bool HasIndex(string indexFolder)
    {
        try
        {
            return IndexManifest.ReadFrom(indexFolder) is not null;
        }
        catch (EssaySearchException)
        {
            return true; // damaged, or of another program: there, as it was
        }
    }

    /// <summary>A build <see cref="Stoppable{T}"/> ran was stopped by <paramref name="signal"/>.</summary>
    private sealed class BuildStoppedException(PosixSignal signal, bool hadIndex, Exception inner) : Exception("the build was stopped", inner)
    {
        /// <summary>Whether the index folder holds an index (the one it held before); when not, none was built.</summary>
        public bool HadIndex => hadIndex;

        /// <summary>The exit code of a command <paramref name="signal"/> ended, as a shell reports it.</summary>
        public int ExitCode => signal == PosixSignal.SIGTERM ? Terminated : Interrupted;
    }

    private static Encoding? ParseEncoding(ArgumentResult result)
    {
        string name = result.Tokens.Single().Value;
        var named = BuildSettings.Named(name);
        if (named is null)
            result.AddError($"unknown encoding '{name}'; try gb18030, big5 or utf-16");
        return named;
    }

    /// <summary>
    /// How the command line is read: without response files, which would take a word beginning with @ (a Java annotation
    /// pasted, @Transactional) for a file of arguments, and fail on it ("Response file not found").
    /// </summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// A search's words or options given a command, which it would ignore or refuse unexplained: words, parsed as the search's
    /// query before it (search 智能 index) or left over after it (search index 智能), or options of the search's own before it
    /// (search --full index, where --full is a search's whole paragraphs, not index's full build). Refused, saying what to write
    /// instead: for words, the search of them with the search's options given, a command line to paste into a shell.
    /// Options every command takes (--seeds, --index, …) may stand anywhere.
    /// </summary>
    private static string? BeforeCommand(ParseResult parsed, Argument<string[]> query)
    {
        if (parsed.CommandResult.Parent is not CommandResult { Command: RootCommand } root)
            return null;
        string command = parsed.CommandResult.Command.Name;
        string[] before = [.. DirectiveWords(parsed), .. QueryWords(root, query)];
        // Left over after it: words, and the search's own options with their values (search 智能 index -n 3), read as the
        // search would read them; when anything else is left over too (an option no command takes), words only, unless an
        // option is among them: its value is left over with it, and the option is the mistake.
        var rest = parsed.UnmatchedTokens.Count > 0 ? root.Command.Parse([.. parsed.UnmatchedTokens], Parsing) : null;
        bool asSearch = rest is { Errors.Count: 0, UnmatchedTokens.Count: 0 } && rest.CommandResult.Command == root.Command && UnknownOption(rest) is null;
        string[] after = asSearch ? [.. QueryWords(rest!.CommandResult, query)]
            : parsed.UnmatchedTokens.Any(token => token.StartsWith('-')) ? [] : [.. parsed.UnmatchedTokens];
        if (before.Length + after.Length > 0)
        {
            string[] words = [.. before, command, .. after];
            // The search's own options, and those every command takes, wherever they were given; not the command's (index
            // --check), nor --help or --version, which would answer instead of searching.
            var options = root.Children.Concat(parsed.CommandResult.Children).Concat(asSearch ? rest!.CommandResult.Children : []).OfType<OptionResult>()
                .Where(option => !option.Implicit && option.Option.Action is null && root.Command.Options.Contains(option.Option))
                .SelectMany(option => option.Tokens.Select(token => token.Value).Prepend(option.IdentifierToken!.Value));
            string search = string.Join(' ', options.Append("--").Concat(words).Select(ShellWord).Prepend("search"));
            return $"`{command}` is a command, which takes no query ('{string.Join(' ', [.. before, .. after])}'); to search for '{string.Join(' ', words)}', write `{search}`";
        }
        var searchOptions = root.Children.OfType<OptionResult>().Where(option => !option.Implicit && !option.Option.Recursive)
            .Select(option => option.IdentifierToken?.Value ?? option.Option.Name).ToList();
        return searchOptions.Count == 0 ? null
            : $"{string.Join(", ", searchOptions)} before `{command}` {(searchOptions.Count == 1 ? "is an option" : "are options")} of a search, which `{command}` does not take; a command's options come after it";
    }

    /// <summary>The words of the <paramref name="query"/> that <paramref name="search"/> (the root command's result) was given.</summary>
    private static IEnumerable<string> QueryWords(CommandResult search, Argument<string[]> query) =>
        search.Children.OfType<ArgumentResult>().Where(result => result.Argument == query).SelectMany(result => result.Tokens).Select(token => token.Value);

    /// <summary>
    /// <paramref name="word"/> as a POSIX shell (bash, dash, zsh) reads it back as one argument, unchanged: as it is when it
    /// holds nothing a shell would interpret or split on, else in single quotes, inside which nothing is special but the
    /// single quote itself, written as <c>'\''</c> (end the quotes, a quoted quote, quote again).
    /// </summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:,+@%".Contains(c) || (c > '\x7f' && !char.IsWhiteSpace(c)))
            ? word
            : $"'{word.Replace("'", @"'\''")}'";

    /// <summary>The query's first words in brackets ([BOX]), which the parser takes for directives though there are none.</summary>
    private static IEnumerable<string> DirectiveWords(ParseResult parsed) =>
        parsed.Tokens.Where(token => token.Type == TokenType.Directive).Select(token => token.Value);

    /// <summary>A query word that looks like an option is a mistyped option; <c>--</c> before it makes it a word.</summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        foreach (var token in parsed.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
                return null;
            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-' && !char.IsDigit(token.Value[1]))
                // Quoted: after -- alone, -Xmx is read as Lucene's exclusion of Xmx, and every other paragraph listed.
                return $"unknown option '{token.Value}'; to search for it, quote it after --: `search -- {ShellWord($"\"{token.Value}\"")}`";
        }
        return null;
    }

    /// <summary>
    /// How <c>search index</c> builds the index of <paramref name="paths"/>: from the folder given, else the one it was built from,
    /// with the settings given, else those it was built with.
    /// </summary>
    /// <param name="opened">The manifest of the index, when it is open already; else it is read.</param>
    /// <exception cref="UsageException">There is no folder to build it from, or the user dictionary it was built with is gone.</exception>
    internal static BuildOptions BuildOptionsFor(Paths paths, BuildSettings given, IndexManifest? opened = null)
    {
        var (built, exists) = opened is null ? paths.Built() : (opened, true);
        var (source, recorded) = paths.SourceOf(built?.Source, exists);
        if (source is null)
            throw new UsageException($"the index in '{paths.Index}' does not record the folder it was built from; pass --seeds DIR");
        if (recorded && !Directory.Exists(source))
            throw new UsageException($"the index in '{paths.Index}' was built from '{source}', which is gone; pass --seeds DIR to build it from another folder");
        if (given.GoneDictionary(built) is { } gone)
            throw new UsageException($"the index in '{paths.Index}' was built with the user dictionary '{gone}', which is gone; pass --dict FILE, or --dict '' for none");
        var (userDictionary, fallbackEncoding) = given.For(built);
        return new BuildOptions(source, paths.Index) { FallbackEncoding = fallbackEncoding, UserDictionary = userDictionary, LeaveOutUnreadable = true };
    }

    /// <summary>
    /// Whether <paramref name="e"/> is about one file or folder of the seeds that cannot be opened (a name that is not
    /// UTF-8, no permission) or a pair of them (two files that would be one essay: a note saved beside its old copy), which
    /// leaves the rest of the folder and the index as they were; not about the folder as a whole (gone, emptied), which a
    /// search should not pass over.
    /// </summary>
    internal static bool IsOneBadEntry(EssaySearchException e) =>
        e.Kind == EssaySearchErrorKind.BadCorpus && (e.SameEssayFiles.Count > 0 || e.InnerException is IOException or UnauthorizedAccessException);

    /// <summary>
    /// Opens the index, first building it when it is missing, stale, damaged or of another version and its seeds folder
    /// (<see cref="Paths.SourceOf"/>) is at hand; otherwise it is searched as it is, with a note saying why. An essay that
    /// cannot be read (a binary file, one not in UTF-8, an unreadable file) is left out of the index, and every search
    /// says so in a one-line note (<see cref="LeftOutNote"/>): one bad file among thousands does not stop every search. An
    /// index that cannot be written (a full disk, a read-only folder) is searched as it was, with a note.
    /// </summary>
    internal static SearchEngine Open(Paths paths, BuildSettings given, EngineOptions engineOptions, TextWriter error)
    {
        var engine = OpenCurrent(paths, given, engineOptions, error);
        if (LeftOutNote(engine.Manifest) is { } leftOut)
            error.WriteLine($"search: note: {leftOut}");
        return engine;
    }

    private static SearchEngine OpenCurrent(Paths paths, BuildSettings given, EngineOptions engineOptions, TextWriter error)
    {
        // Most runs find the index current: it is opened once, and its manifest says where it was built from and from what.
        // One that is missing, damaged or of another schema is decided below, from what its last commit records, if anything.
        var engine = OpenIfReadable(paths, engineOptions);
        try
        {
            var (built, exists) = engine is null ? paths.Built() : (engine.Manifest, true);
            var (seeds, recorded) = paths.SourceOf(built?.Source, exists);
            var (userDictionary, fallbackEncoding) = given.For(built);
            if (given.GoneDictionary(built) is { } gone)
                error.WriteLine($"search: note: the index was built with the user dictionary '{gone}', which is gone; searching it as it is (--dict FILE, or --dict '' for none, rebuilds it)");
            else if (seeds is null)
                error.WriteLine($"search: note: the index in '{paths.Index}' does not record the folder it was built from; searching it as it is (--seeds DIR keeps it current)");
            else if (engine is not null && Path.GetFullPath(seeds) == engine.Manifest.Source && given.AreThoseOf(engine.Manifest)
                     && IndexWatcher.IsCaughtUp(paths.Index, engine.Manifest))
            {
                // `search index --watch` keeps this index current with this folder and these settings, and has indexed
                // every change it was told of: listing the folder again would tell nothing more. Its latest build is
                // searched, which may be newer than the one opened above.
                engine.Refresh();
            }
            else if (Directory.Exists(seeds))
            {
                var build = new BuildOptions(seeds, paths.Index) { FallbackEncoding = fallbackEncoding, UserDictionary = userDictionary, LeaveOutUnreadable = true };
                // With an index to answer from, a search waits for another build (a watcher's update) only briefly: a
                // full rebuild of a large archive would keep it waiting for a minute.
                if (engine is not null)
                    build = build with { LockTimeout = SearchWaitsForABuild };
                IndexFreshness freshness;
                try
                {
                    freshness = engine?.CheckFreshness(seeds, userDictionary, fallbackEncoding) ?? IndexBuilder.CheckFreshness(build);
                }
                catch (EssaySearchException e) when (engine is not null && IsOneBadEntry(e))
                {
                    // A folder that cannot be listed (its name not UTF-8, no permission) is one bad entry, as an unreadable file is;
                    // so are two files that would be one essay, found by listing it.
                    error.WriteLine(e.SameEssayFiles.Count > 0
                        ? $"search: note: {e.Message}; searching the index as it was"
                        : $"search: note: the seeds folder could not be checked: {e.Message}; searching the index as it was");
                    return engine;
                }
                // Files copied or restored without their times would be read and hashed by every search: past a hundredth of
                // the vault, an update records their times once (it reads no essay, but rewrites the manifest, which costs
                // about as much as hashing a hundredth of the files).
                if (!freshness.IsCurrent || (engine is not null && freshness.RetimedFiles > 0 && freshness.RetimedFiles * 100 >= engine.Manifest.Files.Count))
                {
                    // An index that opened is updated (most often a few essays); a missing or unreadable one is built.
                    bool wasOpen = engine is not null;
                    string updating = wasOpen ? "updating" : "building";
                    engine?.Dispose();
                    engine = null;
                    error.WriteLine(freshness.IsCurrent
                        ? $"search: recording the times of {Count(freshness.RetimedFiles, "file")} whose content is unchanged since indexing, so that searches need not read {(freshness.RetimedFiles == 1 ? "it" : "them")} again"
                        : $"search: {updating} the index first ({freshness.Reason})");
                    try
                    {
                        BuildResult result;
                        using (var progress = Progress.On(error))
                            result = Stoppable(build.IndexFolder, stop => IndexBuilder.Update(build, progress, stop)); // found stale just above: no second check
                        // An update that had to build anew took as long as a first build: said when the line above did not say why
                        // (it said "building", with why, of an index that could not be opened).
                        if (wasOpen && result.FullBuildReason is { } anew && anew != freshness.Reason)
                            error.WriteLine($"search: built the index anew, as {anew}");
                        if (WarningsNote(result.Warnings) is { } warned)
                            error.WriteLine($"search: warning: {warned}");
                    }
                    // An index that cannot be written (a full disk, a read-only folder), or a seeds folder gone bad meanwhile: the index as it was still answers.
                    catch (EssaySearchException e) when (e.Kind is EssaySearchErrorKind.BadCorpus or EssaySearchErrorKind.BuildFailed && exists && OpenIfReadable(paths, engineOptions) is { } previous)
                    {
                        error.WriteLine($"search: note: the index was not updated: {e.Message}; searching it as it was");
                        return previous;
                    }
                    catch (EssaySearchException e) when (e.Kind is EssaySearchErrorKind.BuildLocked && OpenIfReadable(paths, engineOptions) is { } previous)
                    {
                        error.WriteLine($"search: note: another build of the index is under way; searching the index as it was (`search index` waits for it)");
                        return previous;
                    }
                }
            }
            else if (recorded)
                error.WriteLine($"search: note: the index was built from '{seeds}', which is gone; searching it as it is");
            else if (!Directory.Exists(paths.Index))
                throw new UsageException(paths.SeedsGiven
                    ? $"seeds folder '{paths.Seeds}' does not exist, and there is no index in '{paths.Index}' to search"
                    : $"no index in '{paths.Index}' and no seeds folder '{paths.Seeds}' to build one from; pass --seeds DIR");
            else if (paths.SeedsGiven && exists)
                error.WriteLine($"search: note: there is no seeds folder '{seeds}'; searching the index as it is");
            return engine ?? SearchEngine.Open(paths.Index, engineOptions);
        }
        catch
        {
            engine?.Dispose();
            throw;
        }
    }

    /// <summary>The index as its last build left it, or null when it is missing, damaged or of another schema.</summary>
    private static SearchEngine? OpenIfReadable(Paths paths, EngineOptions engineOptions)
    {
        try
        {
            return SearchEngine.Open(paths.Index, engineOptions);
        }
        catch (EssaySearchException e) when (e.IsIndexProblem)
        {
            return null;
        }
    }

    /// <summary>An option's value as a whole number; anything else is an error naming the option and the value, in words.</summary>
    private static int WholeNumber(ArgumentResult result)
    {
        string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int number))
            return number;
        string option = result.Parent is OptionResult parent ? parent.Option.Name : "the option";
        result.AddError(long.TryParse(value, out _) ? $"{option} {value} is too large" : $"{option} takes a whole number, not '{value}'");
        return 0;
    }

    /// <summary>
    /// Each line of <paramref name="input"/> searched, its answer or its error a line of JSON, in order. Exits as a search
    /// does: 0 when some query found paragraphs, 1 when none did, 2 when none could be searched (every line a bad query)
    /// or the index failed some (damaged: those lines say so, and the others are answered).
    /// </summary>
    private static int Batch(SearchEngine engine, SearchOptions options, TextReader input, TextWriter output)
    {
        int queries = 0, failed = 0;
        bool anyHit = false, indexFailed = false;
        for (string? line = input.ReadLine(); line is not null; line = input.ReadLine())
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            queries++;
            try
            {
                var results = engine.Search(line, options);
                anyHit |= results.Total > 0;
                output.WriteLine(JsonRenderer.Write(results));
            }
            catch (EssaySearchException e)
            {
                failed++;
                indexFailed |= e.Kind != EssaySearchErrorKind.BadQuery;
                output.WriteLine(JsonRenderer.WriteError(line, e.Message));
            }
        }
        return indexFailed || queries > 0 && failed == queries ? Error : anyHit ? Found : NotFound;
    }

    private static bool UseColor(string when, TextWriter output) => when switch
    {
        "always" => true,
        "never" => false,
        _ => output == Console.Out && !Console.IsOutputRedirected
             && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
             && Environment.GetEnvironmentVariable("TERM") != "dumb",
    };

    /// <summary>How long a search with an index to answer from waits for another build to let go of the index.</summary>
    internal static readonly TimeSpan SearchWaitsForABuild = TimeSpan.FromSeconds(3);

    /// <summary>
    /// One line on what a build or update did, how many files the index leaves out (<see cref="ListLeftOut"/> names them), and how
    /// many it read with a warning (<see cref="ListWarnings"/> names them), so that a long list of either is not missed.
    /// </summary>
    internal static string Describe(BuildResult result, string indexFolder) => result.Kind switch
    {
        // An update that found no essay changed (only modification times to record) left the index as it was.
        BuildKind.None or BuildKind.Incremental when result.Changed + result.Added + result.Removed == 0
            => $"the index is current: {Count(result.Manifest.EssayCount, "essay")}, {Count(result.Manifest.Paragraphs, "paragraph")}",
        BuildKind.Incremental => $"updated: {result.Changed} changed, {result.Added} added, {result.Removed} removed, {result.Elapsed.TotalMilliseconds:0} ms",
        _ => $"indexed {Count(result.Manifest.Paragraphs, "paragraph")} of {Count(result.Manifest.EssayCount, "essay")} into '{indexFolder}' in {result.Elapsed.TotalSeconds:0.00} s"
             + (result.FullBuildReason is { } anew ? $"; built anew, as {anew}" : ""),
    } + (result.Manifest.LeftOut.Count > 0 ? $"; {LeftOut(result.Manifest.LeftOut.Count)}" : "")
      + (result.Warnings.Count > 0 ? $"; {IndexedWithWarnings(result.Warnings.Count)}" : "");

    /// <summary>
    /// The files an index leaves out, as they cannot be read, in the one line every search writes: the file and why, when
    /// there is one, else how many and what lists them (a vault may have dozens); null for none.
    /// </summary>
    internal static string? LeftOutNote(IndexManifest manifest) => manifest.LeftOut switch
    {
        [] => null,
        [var only] => $"{LeftOut(1)}: {ReasonFor(only)}",
        var all => $"{LeftOut(all.Count)} (`search index --check` lists them)",
    };

    private static string LeftOut(int count) =>
        count == 1 ? "1 file is left out of the index, as it cannot be read" : $"{count} files are left out of the index, as they cannot be read";

    // A note has one warning at most: each names a file.
    private static string IndexedWithWarnings(int count) =>
        count == 1 ? "1 file is indexed with a warning" : $"{count} files are indexed with warnings";

    /// <summary>Each of <paramref name="files"/>, left out as it cannot be read, on a line of its own with why.</summary>
    internal static void ListLeftOut(IEnumerable<LeftOutFile> files, TextWriter error)
    {
        foreach (var file in files)
            error.WriteLine($"left out: {ReasonFor(file)}");
    }

    /// <summary>
    /// What a build read amiss, though it indexed the files whole (<see cref="BuildResult.Warnings"/>), in the one line a search
    /// that built writes: the warning, when there is one, else how many and what names them; null for none. Told once, as the
    /// index does not keep them.
    /// </summary>
    internal static string? WarningsNote(IReadOnlyList<string> warnings) => warnings switch
    {
        [] => null,
        [var only] => only,
        var all => $"the front matter of {all.Count} files is not valid YAML or never closed; the notes are indexed whole (`search index --full` names them)",
    };

    /// <summary>Each of <paramref name="warnings"/> (<see cref="BuildResult.Warnings"/>) on a line of its own.</summary>
    internal static void ListWarnings(IEnumerable<string> warnings, TextWriter error)
    {
        foreach (var warning in warnings)
            error.WriteLine($"warning: {warning}");
    }

    /// <summary>Why <paramref name="file"/> is left out, and, where a fallback encoding would read it, the option that names one.</summary>
    internal static string ReasonFor(LeftOutFile file) => file.NeedsFallbackEncoding ? $"{file.Reason} (search index --encoding gb18030)" : file.Reason;

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>An error in one line, with what to do about it where the library's message leaves that to the caller.</summary>
    internal static string Describe(Exception e) => e switch
    {
        // An update keeps the segments it does not change, so only a full build cures damage inside them.
        EssaySearchException { Kind: EssaySearchErrorKind.IndexDamaged } => $"{e.Message}; rebuild it with `search index --full`",
        EssaySearchException { IsIndexProblem: true } => $"{e.Message}; run `search index` to build it",
        EssaySearchException or UsageException => e.Message,
        ArgumentOutOfRangeException range => range.Message.Split(" (Parameter")[0],
        IOException or UnauthorizedAccessException => e.Message,
        _ => $"unexpected {e.GetType().Name}: {e.Message}",
    };
}

/// <summary>A mistake in how the command was called; its message says what to do instead.</summary>
internal sealed class UsageException(string message) : Exception(message);
