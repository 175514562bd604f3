using System.Globalization;

namespace LiveState.Bench;

/// <summary>The summary figures the reports use.</summary>
internal static class Statistics
{
    /// <summary>The middle value; for an even count, the mean of the two middle ones.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The nearest-rank percentile: the smallest value that at least <paramref name="percent"/> % of the values do not exceed.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>
    /// Per-run differences as the reports print them: "median [95 % CI of the median], p95" in whole milliseconds (no
    /// interval for fewer than 6 runs).
    /// </summary>
    public static string DescribeDifferences(IReadOnlyCollection<double> differences)
    {
        var interval = MedianInterval(differences) is { } i ? string.Create(CultureInfo.InvariantCulture, $" [{i.Low:F0}, {i.High:F0}]") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{Median(differences):F0}{interval}, {Percentile(differences, 95):F0}");
    }

    /// <summary>
    /// A distribution-free confidence interval for the median, from the order statistics: the widest-inside pair
    /// (the j-th smallest, the j-th largest) that holds the true median with at least <paramref name="confidence"/>,
    /// by the binomial distribution of how many runs fall below it. Null for fewer than 6 values (no pair reaches 95 %).
    /// </summary>
    public static (double Low, double High)? MedianInterval(IEnumerable<double> values, double confidence = 0.95)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        // P(X <= j - 1) for X ~ Binomial(n, 1/2): the chance that fewer than j runs fall below the median.
        var tail = 0.0;
        var outside = (1 - confidence) / 2;
        var j = 0;
        for (var k = 0; k < n; k++)
        {
            tail += BinomialHalf(n, k);
            if (tail > outside)
            {
                break;
            }

            j = k + 1;
        }

        return j == 0 ? null : (sorted[j - 1], sorted[n - j]);
    }

    private static double BinomialHalf(int n, int k)
    {
        // C(n, k) / 2^n, in logarithms so that large n does not overflow.
        var log = 0.0;
        for (var i = 1; i <= k; i++)
        {
            log += Math.Log(n - k + i) - Math.Log(i);
        }

        return Math.Exp(log - (n * Math.Log(2)));
    }
}
