namespace LiveState.Bench;

/// <summary>
/// Which typed keys the field lost: the typed keys are aligned with what the field holds by their longest common
/// subsequence, and every typed key outside it is lost (a..z cycling, a few keys lost in a row: the alignment is
/// the only one). Each key a document's script saw is matched to the typed key with the same character sent
/// nearest in time, which tells a key the browser delivered to a page (and the page then lost) from one the browser
/// never delivered to any script.
/// </summary>
internal static class KeyLoss
{
    // Half an a..z cycle of keys: a seen key is matched to a typed key no further away in time than this.
    private static readonly TimeSpan MatchWindow = KeysThroughRestart.KeyInterval * 13;

    /// <summary>The positions in <paramref name="typed"/> that <paramref name="field"/> does not hold, in order.</summary>
    public static IReadOnlyList<int> Lost(string typed, string field)
    {
        // lengths[i, j]: the longest common subsequence of typed[i..] and field[j..].
        var lengths = new int[typed.Length + 1, field.Length + 1];
        for (var i = typed.Length - 1; i >= 0; i--)
        {
            for (var j = field.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = typed[i] == field[j]
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var lost = new List<int>();
        int t = 0, f = 0;
        while (t < typed.Length)
        {
            if (f < field.Length && typed[t] == field[f])
            {
                t++;
                f++;
            }
            else if (f < field.Length && lengths[t, f + 1] >= lengths[t + 1, f])
            {
                f++;
            }
            else
            {
                lost.Add(t++);
            }
        }

        return lost;
    }

    /// <summary>For each typed key, the key a document's script saw for it, if any.</summary>
    public static SeenKey?[] MatchSeen(IReadOnlyList<TypedKey> typed, IReadOnlyList<SeenKey> seen)
    {
        var matched = new SeenKey?[typed.Count];
        foreach (var key in seen.OrderBy(k => k.At))
        {
            var nearest = Enumerable.Range(0, typed.Count)
                .Where(i => matched[i] is null && typed[i].Key.ToString() == key.Key && (key.At - typed[i].SentAt).Duration() <= MatchWindow)
                .OrderBy(i => (key.At - typed[i].SentAt).Duration())
                .Select(i => (int?)i)
                .FirstOrDefault();
            if (nearest is { } i)
            {
                matched[i] = key;
            }
        }

        return matched;
    }
}

/// <summary>A key the harness pressed.</summary>
/// <param name="Key">The character.</param>
/// <param name="SentAt">When the harness sent it to the browser.</param>
/// <param name="DriverError">Why Playwright reported the press as failed, if it did (the key counts as typed anyway).</param>
internal sealed record TypedKey(char Key, DateTimeOffset SentAt, string? DriverError);
