using System.Text.RegularExpressions;

namespace EssaySearch.Analysis;

/// <summary>
/// jieba's word dictionary (word frequencies), folded like the text it segments, plus optional user words.
/// Immutable once made; shared by every <see cref="JiebaSegmenter"/>.
/// </summary>
/// <remarks>
/// The embedded dictionary is <c>Data/jieba-dictionary.bin</c>, a trie compiled by <c>Data/make-jieba-dictionary.py</c>
/// from jieba's <c>dict.txt</c>. It is used where it lies in the loaded assembly, neither parsed nor copied: a process
/// reads only the pages its text leads to (the README's "Speed" says what loading costs). User words live in a small trie of
/// their own beside it and are looked up alongside; they take frequencies as jieba's <c>add_word</c> does.
/// </remarks>
internal sealed unsafe partial class JiebaDictionary
{
    private static readonly Lazy<JiebaDictionary> Embedded = new(Load);

    /// <summary>The embedded dictionary, loaded on first use.</summary>
    public static JiebaDictionary Default => Embedded.Value;

    // The embedded trie, in breadth-first order: node i's children are firstChild[i] .. firstChild[i + 1] - 1, by label.
    // The arrays are the assembly's own resource bytes, mapped for as long as the process runs.
    private readonly char* labels;
    private readonly int* firstChild;
    private readonly int* frequency;
    private readonly int* rootChild;    // the root has ~20,000 children: a direct table rather than a search (0: none)

    // User words: children per node and each node's frequency (-1: a prefix, not a word; 0: a word removed).
    private readonly List<Dictionary<char, int>> userChildren = [];
    private readonly List<int> userFrequency = [];

    private JiebaDictionary(char* labels, int* firstChild, int* frequency, int* rootChild, long total)
    {
        this.labels = labels;
        this.firstChild = firstChild;
        this.frequency = frequency;
        this.rootChild = rootChild;
        Total = total;
    }

    private JiebaDictionary(JiebaDictionary embedded) : this(embedded.labels, embedded.firstChild, embedded.frequency, embedded.rootChild, embedded.Total) { }

    public const int NoNode = -1;

    /// <summary>The sum of all word frequencies: a word's probability is its frequency over this.</summary>
    public long Total { get; private set; }

    /// <summary>Whether user words were added.</summary>
    public bool HasUserWords => userChildren.Count > 0;

    /// <summary>The embedded trie's child of <paramref name="node"/> (0 is the root) reached by <paramref name="unit"/>, or <see cref="NoNode"/>.</summary>
    public int Child(int node, char unit)
    {
        if (node == 0)
            return rootChild[unit] is > 0 and var child ? child : NoNode;
        int low = firstChild[node], high = firstChild[node + 1] - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            char label = labels[middle];
            if (label == unit)
                return middle;
            if (label < unit)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return NoNode;
    }

    /// <summary>The user trie's child of <paramref name="node"/> (0 is the root), or <see cref="NoNode"/>.</summary>
    public int UserChild(int node, char unit) => userChildren[node].GetValueOrDefault(unit, NoNode);

    /// <summary>The frequency of the word that ends at these nodes (either may be <see cref="NoNode"/>); 0 for no word.</summary>
    public int Frequency(int node, int userNode) =>
        userNode != NoNode && userFrequency[userNode] >= 0 ? userFrequency[userNode] : node != NoNode ? frequency[node] : 0;

    /// <summary>The text of the user dictionary file at <paramref name="path"/>, for <see cref="WithUserWords"/>; empty for none (<c>null</c>).</summary>
    /// <exception cref="EssaySearchException">The file cannot be read (<see cref="EssaySearchErrorKind.BadUserDictionary"/>).</exception>
    public static string ReadUserWords(string? path)
    {
        if (path is null)
            return "";
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EssaySearchException(EssaySearchErrorKind.BadUserDictionary, $"cannot read the user dictionary '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// A copy of the embedded dictionary with the words of a user dictionary in jieba's format added, one
    /// <c>word [frequency] [tag]</c> a line. A word without a frequency gets the least one that keeps it whole, as in
    /// jieba (<c>suggest_freq</c>); frequency 0 removes a word.
    /// </summary>
    /// <exception cref="FormatException">A frequency is out of range; the message names the line.</exception>
    public static JiebaDictionary WithUserWords(string text)
    {
        var dictionary = new JiebaDictionary(Default);
        dictionary.userChildren.Add([]);
        dictionary.userFrequency.Add(-1);
        var segmenter = new JiebaSegmenter(dictionary);
        int number = 0;
        foreach (string line in text.Split('\n'))
        {
            number++;
            var match = UserLine().Match(line.Trim().TrimStart('\uFEFF'));
            if (!match.Success)
                continue;
            string word = HanFolding.Fold(match.Groups[1].Value);
            int? given = null;
            if (match.Groups[2].Success)
                given = int.TryParse(match.Groups[2].Value, out int f) ? f : throw new FormatException($"line {number}: the frequency of '{word}' is too large");
            dictionary.Add(word, given ?? dictionary.SuggestFrequency(word, segmenter));
        }
        return dictionary;
    }

    // jieba's re_userdict: the word, then an optional frequency, then an optional tag.
    [GeneratedRegex("^(.+?)( [0-9]+)?( [a-z]+)?$")]
    private static partial Regex UserLine();

    private void Add(string word, int wordFrequency)
    {
        int node = 0;
        foreach (char unit in word)
        {
            if (!userChildren[node].TryGetValue(unit, out int child))
            {
                child = userChildren.Count;
                userChildren[node][unit] = child;
                userChildren.Add([]);
                userFrequency.Add(-1);
            }
            node = child;
        }
        userFrequency[node] = wordFrequency;
        Total += wordFrequency;
    }

    /// <summary>jieba's <c>suggest_freq(word, tune=False)</c>: just more than the probability of the word's pieces, as segmented now.</summary>
    private int SuggestFrequency(string word, JiebaSegmenter segmenter)
    {
        var ends = new List<int>();
        segmenter.Segment(word, ends);
        double probability = 1;
        int start = 0;
        foreach (int end in ends)
        {
            probability *= (LookUp(word.AsSpan(start, end - start)) ?? 1) / (double)Total;
            start = end;
        }
        return (int)Math.Max((long)(probability * Total) + 1, LookUp(word) ?? 1);
    }

    /// <summary>The stored frequency of <paramref name="word"/> (0 for a prefix of words), or null when unknown.</summary>
    private int? LookUp(ReadOnlySpan<char> word)
    {
        int node = 0, userNode = HasUserWords ? 0 : NoNode;
        foreach (char unit in word)
        {
            node = node == NoNode ? NoNode : Child(node, unit);
            userNode = userNode == NoNode ? NoNode : UserChild(userNode, unit);
            if (node == NoNode && userNode == NoNode)
                return null;
        }
        return Frequency(node, userNode);
    }

    /// <summary>Finds the embedded dictionary's arrays in the assembly (what <see cref="Default"/> does once per process).</summary>
    internal static JiebaDictionary Load()
    {
        // An embedded resource is a stream over the assembly's mapped image, in a native executable too.
        var stream = (UnmanagedMemoryStream)typeof(JiebaDictionary).Assembly.GetManifestResourceStream("EssaySearch.Analysis.jieba-dictionary.bin")!;
        byte* data = stream.PositionPointer;
        if (stream.Length < 16 || *(uint*)data != 0x3244424A) // "JBD2"
            throw new InvalidDataException("the embedded jieba dictionary is not in the expected format");
        int nodes = *(int*)(data + 4);
        var labels = (char*)(data + 16);
        var firstChild = (int*)(data + 16 + (nodes + nodes % 2) * sizeof(char));
        var frequency = firstChild + nodes + 1;
        var rootChild = frequency + nodes;
        if ((byte*)(rootChild + char.MaxValue + 1) != data + stream.Length)
            throw new InvalidDataException("the embedded jieba dictionary is truncated");
        return new JiebaDictionary(labels, firstChild, frequency, rootChild, *(long*)(data + 8));
    }
}
