using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Devp2p.Interop.Tests;

/// <summary>
/// Runs tests/interop/peer.mjs (an @ethereumjs/devp2p RLPx node on 127.0.0.1 with its own random
/// key) and exposes the JSON events it prints. Runs <c>npm ci</c> once when node_modules is missing.
/// Closing its stdin (dispose) makes it exit; it is killed if it does not.
/// </summary>
internal sealed class EthereumJsPeer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<string> _log = [];

    private EthereumJsPeer(Process process)
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

    /// <summary>The peer's node id (64 bytes).</summary>
    public byte[] Id { get; private set; } = [];

    public int Port { get; private set; }

    public string Log { get { lock (_log) return string.Join("\n", _log); } }

    /// <summary>
    /// Starts the peer listening; with <paramref name="dialPort"/> it also dials us. <paramref name="flags"/>
    /// go after the positional arguments (e.g. <c>--eth mainnet</c>, see peer.mjs).
    /// </summary>
    public static async Task<EthereumJsPeer> StartAsync(int? dialPort = null, byte[]? ourId = null, params string[] flags)
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
        psi.ArgumentList.Add("peer.mjs");
        if (dialPort is int port)
        {
            psi.ArgumentList.Add("dial");
            psi.ArgumentList.Add("127.0.0.1");
            psi.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            psi.ArgumentList.Add(Convert.ToHexStringLower(ourId!));
        }
        else
        {
            psi.ArgumentList.Add("listen");
        }
        foreach (var flag in flags)
            psi.ArgumentList.Add(flag);
        var peer = new EthereumJsPeer(Process.Start(psi) ?? throw new InvalidOperationException("could not start node"));
        var ready = await peer.WaitForAsync("ready", TimeSpan.FromSeconds(30));
        peer.Id = Convert.FromHexString(ready.GetProperty("id").GetString()!);
        peer.Port = ready.GetProperty("port").GetInt32();
        return peer;
    }

    /// <summary>The next event named <paramref name="name"/> (others are skipped, errors are kept in the log).</summary>
    public async Task<JsonElement> WaitForAsync(string name, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                if (e.GetProperty("event").GetString() == name)
                    return e;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"ethereumjs peer: no '{name}' event within {timeout.TotalSeconds} s. Output:\n{Log}");
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
