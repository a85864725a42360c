using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// Joins the single-character Han tokens that <see cref="StandardTokenizer"/> emits back into runs
/// and re-splits each run into words with a <see cref="HanSegmenter"/>. Tokens of other scripts pass
/// through untouched, so Latin words and numbers are tokenized by UAX #29 alike at index and query time.
/// </summary>
internal sealed class HanWordFilter : TokenFilter
{
    private static readonly string IdeographicType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC];

    private readonly HanSegmenter segmenter;
    private readonly ICharTermAttribute termAtt;
    private readonly IOffsetAttribute offsetAtt;
    private readonly IPositionIncrementAttribute posIncAtt;
    private readonly ITypeAttribute typeAtt;

    private readonly StringBuilder run = new();
    private readonly List<int> charStarts = new();   // source offset of each UTF-16 unit of the run
    private readonly List<int> wordEnds = new();
    private int runEnd;                              // source end offset of the run's last character
    private int runPositionIncrement;
    private int nextWord;                            // index into wordEnds of the next word to emit
    private State? heldToken;                         // the token that ended the run, emitted after its words
    private bool inputDone;

    public HanWordFilter(TokenStream input, HanSegmenter segmenter) : base(input)
    {
        this.segmenter = segmenter;
        termAtt = AddAttribute<ICharTermAttribute>();
        offsetAtt = AddAttribute<IOffsetAttribute>();
        posIncAtt = AddAttribute<IPositionIncrementAttribute>();
        typeAtt = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (nextWord < wordEnds.Count)
        {
            EmitWord();
            return true;
        }
        if (heldToken is not null)
        {
            RestoreState(heldToken);
            heldToken = null;
        }
        else if (inputDone || !m_input.IncrementToken())
        {
            inputDone = true;
            return false;
        }
        if (typeAtt.Type != IdeographicType)
            return true;

        CollectRun();
        EmitWord();
        return true;
    }

    /// <summary>Reads the contiguous Han tokens starting with the current one and segments them.</summary>
    private void CollectRun()
    {
        run.Clear();
        charStarts.Clear();
        wordEnds.Clear();
        nextWord = 0;
        runPositionIncrement = posIncAtt.PositionIncrement;
        do
        {
            for (int i = 0; i < termAtt.Length; i++)
                charStarts.Add(offsetAtt.StartOffset + i);
            run.Append(termAtt.Buffer, 0, termAtt.Length);
            runEnd = offsetAtt.EndOffset;
            if (!m_input.IncrementToken())
            {
                inputDone = true;
                break;
            }
            if (typeAtt.Type != IdeographicType || offsetAtt.StartOffset != runEnd)
            {
                heldToken = CaptureState();
                break;
            }
        }
        while (true);
        segmenter.Segment(run.ToString(), wordEnds);
    }

    private void EmitWord()
    {
        int start = nextWord == 0 ? 0 : wordEnds[nextWord - 1];
        int end = wordEnds[nextWord];
        ClearAttributes();
        termAtt.SetEmpty().Append(run, start, end - start);
        offsetAtt.SetOffset(charStarts[start], end == run.Length ? runEnd : charStarts[end]);
        posIncAtt.PositionIncrement = nextWord == 0 ? runPositionIncrement : 1;
        typeAtt.Type = IdeographicType;
        nextWord++;
    }

    public override void Reset()
    {
        base.Reset();
        run.Clear();
        charStarts.Clear();
        wordEnds.Clear();
        nextWord = 0;
        heldToken = null;
        inputDone = false;
    }
}
