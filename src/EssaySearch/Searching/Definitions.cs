using EssaySearch.Analysis;

namespace EssaySearch.Searching;

/// <summary>
/// Questions that ask what something is (什么是定投, BOX是什么, 长期是多久, X指什么, 何谓X, what is X) and the paragraphs
/// that answer them. Such a question names one word, often a common one, and the relaxed ranking, whose term frequency is
/// not bounded by length, put the long paragraphs that repeat it above the sentence that defines it. A paragraph defines
/// the subject where it is followed at once by a word that says what a thing is in the paragraph's opening (定投是…,
/// BOX 是…, X refers to…), or where 所谓 stands before it, touching or one word or mark apart (所谓长期，指的是…,
/// 所谓的定投), wherever that is: later in a paragraph, X是… mostly says something about X (…，定投是必须践行的行为),
/// while 所谓 still defines it (…。所谓康波，是一种…). There the subject's words count <see cref="Weight"/> times
/// (<see cref="DefinedQuery"/>; README, "How a query is matched", for how the numbers were chosen).
/// </summary>
internal static class Definitions
{
    /// <summary>What the subject's words count for in a paragraph that defines it, times what they count elsewhere.</summary>
    public const float Weight = 5f;

    /// <summary>
    /// The positions of the word field that open a paragraph (a clause or two): a definition by one of <see cref="Verbs"/>
    /// counts where the subject starts within them.
    /// </summary>
    public const int Lead = 16;

    /// <summary>How far before the subject one of <see cref="Markers"/> may stand: touching, or one word or mark apart (所谓的定投).</summary>
    public const int MarkerReach = 2;

    /// <summary>
    /// Words that say what a thing is, after it: in a question beside a word that asks (X是什么, 什么叫X, what is X), and
    /// in a paragraph after the subject. One word each as the word analysis splits them (是指 is 是 指, 指的是 指 的 是).
    /// </summary>
    public static readonly IReadOnlyList<string> Verbs = ["是", "就是", "即", "指", "意味着", "叫", "叫做", "称为", "称作", "is", "are", "means", "refers"];

    /// <summary>Words that say a thing is being defined, before it: 所谓定投，指的是…; 何谓 also asks (何谓定投).</summary>
    public static readonly IReadOnlyList<string> Markers = ["所谓", "何谓"];

    /// <summary>
    /// The subject of a question that asks what something is, as the first and last of its words; null for any other
    /// question. <paramref name="words"/> are the question's words in order, function and question words included (as
    /// <c>QueryCompiler</c> splits its terms). Such a question has one of <see cref="Verbs"/> between a word that asks and
    /// its subject (什么 是 定投, 长期 是 多久, what is BOX), or a word that both asks and marks (何谓 定投); the subject is
    /// the run of words on the other side, past the function words beside the verb (what is the X) and up to the next
    /// function, question, defining or marking word.
    /// </summary>
    public static (string First, string Last)? Subject(IReadOnlyList<string> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            bool verb = Contains(Verbs, words[i]);
            // The side the subject is on: away from the word that asks.
            int step = Contains(Markers, words[i]) && QuestionWords.Asks(words[i]) || verb && Within(i - 1) && QuestionWords.Asks(words[i - 1]) ? 1
                : verb && Within(i + 1) && QuestionWords.Asks(words[i + 1]) ? -1
                : 0;
            if (step == 0)
                continue;
            // Past the function words beside the verb (what is the X, 世界会是什么样), the run of words up to the next one.
            int start = i + step;
            while (Within(start) && QuestionWords.Contains(words[start]) && !QuestionWords.Asks(words[start]))
                start += step;
            int end = start - step;
            while (Within(end + step) && !QuestionWords.Contains(words[end + step]) && !Contains(Verbs, words[end + step]) && !Contains(Markers, words[end + step]))
                end += step;
            if (end != start - step)
                return step > 0 ? (words[start], words[end]) : (words[end], words[start]);
        }
        return null;

        bool Within(int index) => index >= 0 && index < words.Count;
    }

    private static bool Contains(IReadOnlyList<string> list, string word) =>
        list.Contains(HanFolding.Fold(word), StringComparer.OrdinalIgnoreCase);
}
