namespace Blazor.LiveState;

/// <summary>
/// The name of the kit's <see cref="System.Diagnostics.Metrics.Meter"/> and
/// <see cref="System.Diagnostics.ActivitySource"/>, to subscribe with OpenTelemetry or
/// <c>dotnet-counters</c>. docs/telemetry.md lists every instrument and span.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithMetrics(m =&gt; m.AddMeter(LiveStateTelemetry.Name))
///     .WithTracing(t =&gt; t.AddSource(LiveStateTelemetry.Name));
/// </code>
/// </example>
public static class LiveStateTelemetry
{
    /// <summary><c>Blazor.LiveState</c>.</summary>
    public const string Name = "Blazor.LiveState";
}
