using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Debian's nginx as a reverse proxy in front of one or more app servers, for rolling deploys: the
/// browser talks to one address while instances are replaced behind it. WebSockets are proxied, and a
/// refused upstream is skipped so a stopped instance is routed around.
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;

    private ReverseProxy(string directory, Process process, Uri baseUri)
    {
        _directory = directory;
        _process = process;
        BaseUri = baseUri;
    }

    /// <summary>The address browsers use.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts nginx in front of <paramref name="upstreams"/> and waits until it listens.</summary>
    public static async Task<ReverseProxy> StartAsync(IEnumerable<Uri> upstreams)
    {
        var directory = Directory.CreateTempSubdirectory("livestate-proxy-").FullName;
        var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await File.WriteAllTextAsync(ConfigPath(directory), Config(directory, baseUri, upstreams));

        var start = new ProcessStartInfo(NginxPath()) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", directory, "-c", ConfigPath(directory), "-e", Path.Combine(directory, "error.log") })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var proxy = new ReverseProxy(directory, process, baseUri);
        await proxy.WaitUntilListeningAsync();
        return proxy;
    }

    /// <summary>Points the proxy at other upstreams without dropping it (nginx reloads its configuration).</summary>
    public async Task SetUpstreamsAsync(IEnumerable<Uri> upstreams)
    {
        await File.WriteAllTextAsync(ConfigPath(_directory), Config(_directory, BaseUri, upstreams));
        PosixSignal.Send(_process.Id, 1 /* SIGHUP: reload */);
    }

    /// <summary>nginx's error log, for failure messages.</summary>
    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGQUIT would wait for open WebSockets; a test's proxy stops now.
            PosixSignal.Send(_process.Id, PosixSignal.SigTerm);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await _process.StandardError.ReadToEndAsync()}\n{ErrorLog}");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(BaseUri.Host, BaseUri.Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"nginx did not listen on {BaseUri}: {ErrorLog}");
    }

    private static string ConfigPath(string directory) => Path.Combine(directory, "nginx.conf");

    private static string Config(string directory, Uri listen, IEnumerable<Uri> upstreams)
    {
        var servers = new StringBuilder();
        foreach (var upstream in upstreams)
        {
            servers.Append(CultureInfo.InvariantCulture, $"    server {upstream.Host}:{upstream.Port} max_fails=1 fail_timeout=2s;\n");
        }

        return $$"""
            daemon off;
            worker_processes 1;
            user root;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log {{directory}}/access.log;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              upstream app {
                # All test clients come from 127.0.0.1, so ip_hash keeps each one on one instance
                # (Blazor's negotiate and WebSocket must reach the same process).
                ip_hash;
            {{servers}}  }
              server {
                listen {{listen.Host}}:{{listen.Port}};
                location / {
                  proxy_pass http://app;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $host;
                  proxy_read_timeout 1h;
                  # A draining or stopping instance answers 503: try the next one, also for the POST that
                  # starts a Blazor connection (nothing ran on the instance that refused it).
                  proxy_next_upstream error timeout http_502 http_503 non_idempotent;
                  proxy_connect_timeout 2s;
                }
              }
            }
            """;
    }

    private static readonly string[] NginxLocations = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    private static string NginxPath() =>
        NginxLocations.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx not found: install Debian's 'nginx-light' package (./test.sh does).");
}
