using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// Folds each token's traditional Han characters to simplified ones (<see cref="HanFolding"/>), leaving its offsets
/// as they were, so that highlights mark the characters as written.
/// </summary>
internal sealed class HanFoldingFilter : TokenFilter
{
    private readonly ICharTermAttribute termAtt;
    private readonly StringBuilder folded = new();

    public HanFoldingFilter(TokenStream input) : base(input) => termAtt = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;
        var term = termAtt.Buffer.AsSpan(0, termAtt.Length);
        if (HanFolding.Changes(term))
        {
            folded.Clear();
            HanFolding.Append(term, folded);
            termAtt.SetEmpty().Append(folded);
        }
        return true;
    }
}
