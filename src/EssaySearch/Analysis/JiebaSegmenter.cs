namespace EssaySearch.Analysis;

/// <summary>
/// Splits a Han run as jieba's <c>cut(text, HMM=False)</c> does: the graph of every dictionary word in the run, and
/// the path through it of greatest probability (the product of its words' frequencies over the total).
/// A character that starts no dictionary word is a word of its own.
/// </summary>
internal sealed class JiebaSegmenter(JiebaDictionary dictionary) : HanSegmenter
{
    private double[] best = new double[64];   // best[i]: log probability of the best split of run[i..]
    private int[] next = new int[64];          // next[i]: end of the first word of that split

    public override void Segment(string run, List<int> wordEnds)
    {
        int n = run.Length;
        if (best.Length <= n)
        {
            best = new double[n * 2];
            next = new int[n * 2];
        }
        double logTotal = Math.Log(dictionary.Total);
        bool user = dictionary.HasUserWords;
        best[n] = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            if (char.IsLowSurrogate(run[i]) && i > 0 && char.IsHighSurrogate(run[i - 1]))
            {
                best[i] = double.NegativeInfinity; // inside a character: no word starts or ends here
                continue;
            }
            // The character alone, unless a word starts here (jieba: frequency 1 for a character it does not know).
            int end = i + (char.IsHighSurrogate(run[i]) && i + 1 < n && char.IsLowSurrogate(run[i + 1]) ? 2 : 1);
            double score = best[end] - logTotal;
            bool found = false;
            int node = 0, userNode = user ? 0 : JiebaDictionary.NoNode;
            for (int j = i; j < n; j++)
            {
                node = node == JiebaDictionary.NoNode ? node : dictionary.Child(node, run[j]);
                if (user && userNode != JiebaDictionary.NoNode)
                    userNode = dictionary.UserChild(userNode, run[j]);
                if (node == JiebaDictionary.NoNode && userNode == JiebaDictionary.NoNode)
                    break;
                int frequency = dictionary.Frequency(node, userNode);
                if (frequency <= 0)
                    continue;
                double candidate = Math.Log(frequency) - logTotal + best[j + 1];
                // Ties go to the longer word, as jieba's max over (score, end) pairs does.
                if (!found || candidate >= score)
                {
                    score = candidate;
                    end = j + 1;
                    found = true;
                }
            }
            best[i] = score;
            next[i] = end;
        }
        for (int i = 0; i < n; i = next[i])
            wordEnds.Add(next[i]);
    }
}
