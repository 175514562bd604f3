using System.Diagnostics;

namespace Blazor.LiveState.Shared;

/// <summary>The kit's spans: drains, tab-state loads and saves, URL writes. Free when nobody listens.</summary>
internal static class LiveStateActivities
{
    public static readonly ActivitySource Source = new(LiveStateTelemetry.Name, typeof(LiveStateActivities).Assembly.GetName().Version?.ToString());
}
