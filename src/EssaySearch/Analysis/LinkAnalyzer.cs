using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// The analysis of link targets: each whitespace-separated target whole, lower-cased; a web address as the page it
/// names (<see cref="WebAddress.Key"/>: <c>http://</c> or <c>https://</c>, a trailing slash, a <c>?utm_source=</c> tail or
/// percent-encoding make no difference), and with it its host name and each parent domain of two labels or more, at
/// the same position, so that <c>link:github.com</c> finds links to <c>https://docs.github.com/…</c> and
/// <c>link:"https://github.com/a/b"</c> finds that very link, however the browser wrote it.
/// </summary>
/// <remarks>The index schema version covers this analysis: bump it when the tokens change.</remarks>
internal sealed partial class LinkAnalyzer : Analyzer
{
    // Longest target kept, in UTF-16 units: well inside Lucene's 32,766 bytes a term may take in UTF-8.
    private const int MaxTargetLength = 8000;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        // Split at white space, as Lucene's WhitespaceTokenizer does, but without its cut at 255 characters: a share
        // address of WeChat or Xiaohongshu is often longer, and its tail would become a target of its own.
        var tokenizer = new PatternTokenizer(reader, WhiteSpace(), -1);
        return new TokenStreamComponents(tokenizer, new TargetFilter(tokenizer));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>A web address as its page and domains; any other target lower-cased, as an address's path is not.</summary>
    private sealed class TargetFilter : TokenFilter
    {
        private readonly ICharTermAttribute term;
        private readonly IPositionIncrementAttribute increment;
        private readonly Queue<string> domains = new();

        public TargetFilter(TokenStream input) : base(input)
        {
            term = AddAttribute<ICharTermAttribute>();
            increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (domains.TryDequeue(out var domain))
            {
                term.SetEmpty().Append(domain);
                increment.PositionIncrement = 0;
                return true;
            }
            if (!m_input.IncrementToken())
                return false;
            string target = new string(term.Buffer, 0, Math.Min(term.Length, MaxTargetLength));
            if (WebAddress.Parse(target) is not { } address)
            {
                term.SetEmpty().Append(target.ToLowerInvariant());
                return true;
            }
            term.SetEmpty().Append(address.Key);
            string host = address.Host;
            for (int dot = 0; host.IndexOf('.', dot) is var next and >= 0; dot = next + 1)
                domains.Enqueue(host[dot..]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            domains.Clear();
        }
    }
}
