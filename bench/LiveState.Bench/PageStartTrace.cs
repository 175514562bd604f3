using System.Globalization;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// With <c>--trace</c>: where a page's start spends its time, moment by moment, from its document's navigation to the
/// page being interactive (first byte, <c>DOMContentLoaded</c>, Blazor's negotiate, the circuit's WebSocket, its
/// <c>StartCircuit</c> and the server's first message after it); and, for a document a crash reloaded, what the old
/// document did after the new process first answered (its first answered readiness probe, its check of the page's
/// address).
/// </summary>
/// <remarks>
/// The recorder is an init script, attached only when tracing: it wraps the page's <c>WebSocket</c>, which an
/// untraced run should not pay for. Times are the page's own clock, the harness's on one machine.
/// </remarks>
internal static class PageStartTrace
{
    private const string LeftKey = "__liveStateBenchLeft";

    // The circuit's moments on the page clock; and, as a document leaves, its first answered readiness probe and its last
    // fetch of its own address, on the wall clock, for the document that comes next (sessionStorage outlives a reload).
    private const string RecorderScript = $$"""
        (() => {
          const socket = window.__liveStateBenchSocket = {};
          const Native = window.WebSocket;
          const isStartCircuit = data => {
            if (typeof data === 'string') return data.includes('StartCircuit');
            const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            return new TextDecoder('latin1').decode(bytes).includes('StartCircuit');
          };
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              socket.opening ??= performance.now();
              this.addEventListener('message', () => { if (socket.started !== undefined) socket.firstMessage ??= performance.now(); });
            }
            send(data) {
              if (socket.started === undefined && isStartCircuit(data)) socket.started = performance.now();
              return super.send(data);
            }
          };
          addEventListener('pagehide', () => {
            const origin = performance.timeOrigin;
            const fetches = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'fetch' && r.responseStart > 0);
            const pick = (matches, index) => {
              const entry = fetches.filter(matches).at(index);
              return entry ? { sent: origin + entry.startTime, firstByte: origin + entry.responseStart, done: origin + entry.responseEnd } : null;
            };
            sessionStorage.setItem('{{LeftKey}}', JSON.stringify({
              probe: pick(r => new URL(r.name).pathname.endsWith('/_livestate/ready'), 0),
              check: pick(r => new URL(r.name).pathname === location.pathname, -1),
            }));
          });
        })();
        """;

    private const string ReadScript = $$"""
        () => {
          const navigation = performance.getEntriesByType('navigation')[0];
          const negotiate = performance.getEntriesByType('resource').find(r => r.name.includes('/_blazor/negotiate'));
          const socket = window.__liveStateBenchSocket ?? {};
          const left = JSON.parse(sessionStorage.getItem('{{LeftKey}}') ?? 'null');
          const relative = at => at === undefined || at === null ? null : at - performance.timeOrigin;
          return {
            origin: performance.timeOrigin,
            firstByte: navigation.responseStart,
            domContentLoaded: navigation.domContentLoadedEventEnd,
            negotiate: negotiate?.startTime ?? null,
            socket: socket.opening ?? null,
            startCircuit: socket.started ?? null,
            firstMessage: socket.firstMessage ?? null,
            probeAnswered: relative(left?.probe?.firstByte),
            checkSent: relative(left?.check?.sent),
            checkDone: relative(left?.check?.done),
          };
        }
        """;

    /// <summary>Installs the recorder in every page the context opens from now on.</summary>
    public static Task AttachAsync(IBrowserContext context) => context.AddInitScriptAsync(RecorderScript);

    /// <summary>Prints the current document's start: each moment in milliseconds after its navigation began.</summary>
    /// <param name="page">A page whose context has the recorder, interactive.</param>
    /// <param name="label">What the document was (a fresh load, a crash's reload).</param>
    /// <param name="answeredAt">After a crash: when the new process first answered; the old document's probe and check
    /// are then printed after it.</param>
    public static async Task PrintAsync(IPage page, string label, DateTimeOffset? answeredAt = null)
    {
        var moments = await page.EvaluateAsync<Moments>(ReadScript);
        var origin = StateTimeline.FromPageClock(moments.Origin);
        var interactive = (await StateTimeline.ReadAsync(page)).FirstOrDefault(e => e.Interactive && e.At >= origin);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"    {label}, ms after its navigation: first byte {moments.FirstByte:F0}, DOMContentLoaded {moments.DomContentLoaded:F0}, negotiate {Show(moments.Negotiate)}, WebSocket {Show(moments.Socket)}, StartCircuit {Show(moments.StartCircuit)}, the server's first message {Show(moments.FirstMessage)}, interactive {Show(interactive is null ? null : (interactive.At - origin).TotalMilliseconds)}");
        if (answeredAt is { } answered && moments.CheckDone is not null)
        {
            // The old document's moments, after the new process's first answer; the navigation came after the check.
            var offset = (origin - answered).TotalMilliseconds;
            line += string.Create(CultureInfo.InvariantCulture,
                $"; before it, ms after the new process first answered: probe answered {Show(offset + moments.ProbeAnswered)}, check sent {Show(offset + moments.CheckSent)}, answered {Show(offset + moments.CheckDone)}, navigation {offset:F0}");
        }

        Console.WriteLine(line);
    }

    private static string Show(double? milliseconds) =>
        milliseconds is { } value ? value.ToString("F0", CultureInfo.InvariantCulture) : "–";

    // Set by Playwright from the read script's answer, which needs a parameterless constructor.
    private sealed class Moments
    {
        public double Origin { get; set; }

        public double FirstByte { get; set; }

        public double DomContentLoaded { get; set; }

        public double? Negotiate { get; set; }

        public double? Socket { get; set; }

        public double? StartCircuit { get; set; }

        public double? FirstMessage { get; set; }

        public double? ProbeAnswered { get; set; }

        public double? CheckSent { get; set; }

        public double? CheckDone { get; set; }
    }
}
