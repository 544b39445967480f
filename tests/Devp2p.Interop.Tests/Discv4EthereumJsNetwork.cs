using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Devp2p.Interop.Tests;

/// <summary>
/// Runs tests/interop/dpt.mjs: N @ethereumjs/devp2p DPT (discv4) nodes on 127.0.0.1, nodes 1..N-1
/// bootstrapped from node 0. Commands go to its stdin as JSON lines; its JSON-line events are read
/// here. Runs <c>npm ci</c> once when node_modules is missing. Dispose closes stdin (it exits).
/// </summary>
internal sealed class Discv4EthereumJsNetwork : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<string> _log = [];

    private Discv4EthereumJsNetwork(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _events.Writer.TryComplete(); return; }
            lock (_log) _log.Add(e.Data);
            if (e.Data.StartsWith('{'))
                _events.Writer.TryWrite(JsonDocument.Parse(e.Data).RootElement.Clone());
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.Add("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The nodes' ids (64-byte hex) and UDP ports, node 0 first.</summary>
    public IReadOnlyList<(string Id, int Port)> Nodes { get; private set; } = [];

    public string Log { get { lock (_log) return string.Join("\n", _log); } }

    public static async Task<Discv4EthereumJsNetwork> StartAsync(int nodes)
    {
        await EnsureInstalledAsync();
        var psi = new ProcessStartInfo(InteropEnvironment.FindOnPath("node") ?? "node")
        {
            WorkingDirectory = InteropEnvironment.HarnessDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("dpt.mjs");
        psi.ArgumentList.Add(nodes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var network = new Discv4EthereumJsNetwork(Process.Start(psi) ?? throw new InvalidOperationException("could not start node"));
        var ready = await network.WaitForAsync(e => e.GetProperty("event").GetString() == "ready", TimeSpan.FromSeconds(30), "ready");
        network.Nodes = ready.GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("port").GetInt32())).ToArray();
        return network;
    }

    /// <summary>Sends one command (serialized as a JSON line).</summary>
    public async Task SendAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next event matching <paramref name="match"/>; others are skipped (and stay in the log).</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                if (match(e))
                    return e;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"ethereumjs dpt: no {what} within {timeout.TotalSeconds} s. Output:\n{Log}");
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            var dir = InteropEnvironment.HarnessDir;
            if (Directory.Exists(Path.Combine(dir, "node_modules", "@ethereumjs", "devp2p")))
                return;
            var psi = new ProcessStartInfo(InteropEnvironment.FindOnPath("npm") ?? "npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var npm = Process.Start(psi)!;
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await npm.WaitForExitAsync(cts.Token);
            if (npm.ExitCode != 0)
                throw new InvalidOperationException($"npm ci in {dir} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
