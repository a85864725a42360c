using System.Text;
using EssaySearch.Corpus;

namespace EssaySearch.Schema;

/// <summary>
/// The order of essays when scores tie: by the UTF-8 bytes of their ids, as Lucene orders the values of the
/// <see cref="ParagraphFields.Essay"/> sorted doc value. It is not .NET's ordinal order of the paths (<c>a-b.md</c> comes
/// before <c>a.md</c>, and essay <c>a</c> before <c>a-b</c>), nor of the ids where UTF-16 and code points disagree.
/// </summary>
internal static class EssayOrder
{
    /// <summary><paramref name="files"/>, ordered by their essays.</summary>
    public static List<EssayFile> Sort(IEnumerable<EssayFile> files) =>
        files.Select(file => (File: file, Key: Encoding.UTF8.GetBytes(file.Id)))
            .OrderBy(keyed => keyed.Key, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .Select(keyed => keyed.File)
            .ToList();
}
