using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests;

/// <summary>
/// Keeps every formatted message the kit logs, so tests can check what the kit said. Only the kit's own
/// categories (<c>Blazor.LiveState</c> and below) are kept: what the framework logs (Data Protection making
/// its first key on a fresh machine, say) depends on the machine, not on the code under test.
/// </summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private const string KitCategory = "Blazor.LiveState";

    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => IsKits(categoryName)
        ? new RecordingLogger(_messages)
        : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private static bool IsKits(string categoryName) =>
        categoryName == KitCategory || categoryName.StartsWith(KitCategory + ".", StringComparison.Ordinal);

    private sealed class RecordingLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
