using System.Globalization;
using System.Text;
using EssaySearch.Corpus;

namespace EssaySearch.Benchmarks;

/// <summary>
/// Writes the paragraphs that our corpus reader finds in a folder as <c>essay&lt;TAB&gt;n&lt;TAB&gt;text</c>
/// lines for the Java peer, so that both engines index the same paragraphs.
/// </summary>
internal static class CorpusTool
{
    public static int WriteTsv(string[] args)
    {
        long paragraphs = 0, chars = 0;
        int files = 0;
        using (var output = new StreamWriter(args[1], false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var file in CorpusReader.EssayFiles(args[0]))
            {
                var essay = CorpusReader.ReadEssay(file);
                files++;
                foreach (var p in essay.Paragraphs)
                {
                    output.Write(essay.Id);
                    output.Write('\t');
                    output.Write(p.Number.ToString(CultureInfo.InvariantCulture));
                    output.Write('\t');
                    // One line per paragraph: the line breaks of code blocks and tabs become spaces (the peer's tokenizers skip both alike).
                    output.WriteLine(p.Text.Replace('\n', ' ').Replace('\t', ' '));
                    paragraphs++;
                    chars += p.Text.Length;
                }
            }
        }
        // chars are UTF-16 code units, as Java's String.length() counts them in the peer's chars/s.
        Console.WriteLine($"files {files} paragraphs {paragraphs} chars {chars}");
        return 0;
    }
}
