using EssaySearch.Corpus;

namespace EssaySearch.Schema;

/// <summary>What changed in a seeds folder since a manifest was written.</summary>
/// <param name="Kept">Files whose content is as recorded (with their size and time as they are now).</param>
/// <param name="Added">Files the manifest does not name.</param>
/// <param name="Changed">Files whose content differs.</param>
/// <param name="Removed">Files the manifest names that are gone.</param>
/// <param name="Retimed">How many of <paramref name="Kept"/> have another size or modification time than recorded, and were
/// hashed to find their content unchanged (copied, restored, touched), with a time old enough to trust: every check
/// hashes them again until their times are recorded.</param>
internal sealed record CorpusChanges(IReadOnlyList<CorpusFile> Kept, IReadOnlyList<EssayFile> Added, IReadOnlyList<EssayFile> Changed, IReadOnlyList<CorpusFile> Removed, int Retimed)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;
}
