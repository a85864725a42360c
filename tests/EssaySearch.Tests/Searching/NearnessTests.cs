using EssaySearch.Searching;

namespace EssaySearch.Tests.Searching;

/// <summary>How near two words are (<see cref="Nearness.NearestSpan"/>), from where they start and how many positions each holds.</summary>
public class NearnessTests
{
    [Theory]
    // The nearest pair in either order: 10 then 12 spans 4 positions (10..13).
    [InlineData(new[] { 0, 10 }, 1, new[] { 4, 12 }, 2, 4)]
    [InlineData(new[] { 4, 12 }, 2, new[] { 0, 10 }, 1, 4)]
    // Adjacent: two two-character Han words, one bigram each, 磁盘空间.
    [InlineData(new[] { 7 }, 1, new[] { 9 }, 1, 3)]
    // A word found inside the other is not near it; a separate occurrence further on is.
    [InlineData(new[] { 0 }, 3, new[] { 1 }, 1, int.MaxValue)]
    [InlineData(new[] { 0 }, 3, new[] { 1, 20 }, 1, 21)]
    // Overlapping occurrences are passed over for the next separate one on either side.
    [InlineData(new[] { 5, 30 }, 3, new[] { 1, 6, 9 }, 1, 5)]
    public void The_nearest_separate_occurrences_give_the_span(int[] first, int firstLength, int[] second, int secondLength, int span) =>
        Assert.Equal(span, Nearness.NearestSpan(first, firstLength, second, secondLength));
}
