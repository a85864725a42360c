using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;

namespace EssaySearch.Analysis;

/// <summary>
/// The unigrams a bigram analysis passed (every Han and other CJK character, as <see cref="BigramUnigrams.Only"/> gives
/// them), recorded as they go by and played back as a token stream of their own: indexing then tokenizes a paragraph
/// once for both the bigram field and the character field. One recording serves one thread.
/// </summary>
internal sealed class CharacterRecording
{
    private char[] characters = new char[256];
    private readonly List<int> ends = [];

    /// <summary>Whether the last analysis recorded has run to its end (and not started again since).</summary>
    public bool Complete { get; private set; }

    /// <summary>Passes <paramref name="input"/> on, recording its unigrams (and forgetting those of the text before).</summary>
    public TokenFilter Record(TokenStream input) => new Recorder(input, this);

    /// <summary>The recorded characters, each a token.</summary>
    public TokenStream Replay() => new Player(this);

    private sealed class Recorder(TokenStream input, CharacterRecording recording) : TokenFilter(input)
    {
        private readonly ICharTermAttribute term = input.AddAttribute<ICharTermAttribute>();
        private readonly ITypeAttribute type = input.AddAttribute<ITypeAttribute>();

        public override void Reset()
        {
            base.Reset();
            recording.Complete = false;
            recording.ends.Clear();
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
                return false;
            if (type.Type == CJKBigramFilter.SINGLE_TYPE)
            {
                int start = recording.ends.Count == 0 ? 0 : recording.ends[^1];
                if (start + term.Length > recording.characters.Length)
                    Array.Resize(ref recording.characters, Math.Max(recording.characters.Length * 2, start + term.Length));
                term.Buffer.AsSpan(0, term.Length).CopyTo(recording.characters.AsSpan(start));
                recording.ends.Add(start + term.Length);
            }
            return true;
        }

        public override void End()
        {
            base.End();
            recording.Complete = true;
        }
    }

    private sealed class Player : TokenStream
    {
        private readonly CharacterRecording recording;
        private readonly ICharTermAttribute term;
        private int next;

        public Player(CharacterRecording recording)
        {
            this.recording = recording;
            term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (next == recording.ends.Count)
                return false;
            ClearAttributes();
            int start = next == 0 ? 0 : recording.ends[next - 1];
            term.CopyBuffer(recording.characters, start, recording.ends[next] - start);
            next++;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            next = 0;
        }
    }
}
