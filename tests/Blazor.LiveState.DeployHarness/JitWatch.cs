using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Lists the methods an app process compiles at run time. Started in the app's process as a .NET startup hook
/// (<see cref="EnvironmentFor"/>): it listens to the runtime's own JIT events and appends one line per compiled
/// method to a file the test reads. How a test tells code that shipped precompiled (ReadyToRun) from code the
/// process compiled on first use.
/// </summary>
public static class JitWatch
{
    private const string FileVariable = "LIVESTATE_JITWATCH_FILE";

    // The runtime's provider and its JIT keyword (ClrEventSource JitKeyword, 0x10).
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords JitKeyword = (EventKeywords)0x10;

    private static JitListener? _listener;

    /// <summary>The environment variables that start the watch in an app process, writing to <paramref name="file"/>.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(string file) => new Dictionary<string, string>
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(JitWatch).Assembly.Location,
        [FileVariable] = file,
    };

    /// <summary>The methods compiled so far, as the app process wrote them to <paramref name="file"/>.</summary>
    public static IReadOnlyList<CompiledMethod> Read(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var methods = new List<CompiledMethod>();
        while (reader.ReadLine() is { } line)
        {
            // A line still being written has fewer than three fields: the next read gets it whole.
            var fields = line.Split('\t');
            if (fields.Length == 3 && int.TryParse(fields[0], out var tier))
            {
                methods.Add(new CompiledMethod((MethodTier)tier, fields[1], fields[2]));
            }
        }

        return methods;
    }

    /// <summary>Called by the runtime in the app's process (see <c>StartupHook</c>).</summary>
    internal static void Start()
    {
        var file = Environment.GetEnvironmentVariable(FileVariable);
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        _listener = new JitListener();
        var writer = new Thread(() => WriteLoop(_listener, file)) { IsBackground = true, Name = "JitWatch" };
        writer.Start();
    }

    private static void WriteLoop(JitListener listener, string file)
    {
        while (true)
        {
            Thread.Sleep(50);
            var lines = new List<string>();
            while (listener.Compiled.TryDequeue(out var line))
            {
                lines.Add(line);
            }

            if (lines.Count > 0)
            {
                File.AppendAllLines(file, lines);
            }
        }
    }

    private sealed class JitListener : EventListener
    {
        public readonly ConcurrentQueue<string> Compiled = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == RuntimeProvider)
            {
                EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            // MethodLoadVerbose: a method's code is ready; its flags carry the tier. A method whose precompiled code
            // was used, where the runtime reports one at all, carries the ReadyToRun tier, which is not a first use.
            if (eventData.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) != true || eventData.Payload is not { Count: > 7 } payload)
            {
                return;
            }

            var flags = Convert.ToUInt32(payload[5], System.Globalization.CultureInfo.InvariantCulture);
            var tier = (int)((flags >> 7) & 0x7);
            Compiled.Enqueue($"{tier}\t{payload[6]}\t{payload[7]}");
        }
    }
}

/// <summary>The tier a method was compiled for, as the runtime's method events carry it (bits 7–9 of their flags).</summary>
public enum MethodTier
{
    Unknown = 0,
    MinOptJitted = 1,
    Optimized = 2,
    QuickJitted = 3,
    OptimizedTier1 = 4,
    ReadyToRun = 5,
    OptimizedTier1Osr = 6,
    QuickJittedInstrumented = 7,
}

/// <summary>One method compiled at run time.</summary>
/// <param name="Tier">What it was compiled as; <see cref="IsFirstUse"/> says whether it had no code before.</param>
/// <param name="TypeName">Its type, with namespace (the runtime's "method namespace").</param>
/// <param name="Name">The method's name.</param>
public sealed record CompiledMethod(MethodTier Tier, string TypeName, string Name)
{
    /// <summary>
    /// Compiled because it ran for the first time and had no precompiled code: the runtime's quick first tier
    /// (or full optimization where tiering does not apply). A precompiled method that became hot is compiled again
    /// at tier 1, which is not a first use.
    /// </summary>
    public bool IsFirstUse => Tier is MethodTier.QuickJitted or MethodTier.QuickJittedInstrumented or MethodTier.MinOptJitted or MethodTier.Optimized;
}
