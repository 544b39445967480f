using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Devp2p.Interop.Tests;

/// <summary>
/// One Node.js script from tests/interop (peer.mjs, dpt.mjs) as a child process: it prints JSON-line
/// events on stdout and may read JSON-line commands on stdin. Runs <c>npm ci</c> once (for every
/// harness together) when node_modules is missing. Dispose closes stdin, which makes the script
/// exit; it is killed if it does not within 5 s.
/// </summary>
internal sealed class JsonLineHarness : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<string> _log = [];
    private readonly string _name;

    private JsonLineHarness(Process process, string name)
    {
        _process = process;
        _name = name;
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

    /// <summary>Everything the script printed so far (stderr lines prefixed).</summary>
    public string Log { get { lock (_log) return string.Join("\n", _log); } }

    /// <summary>Starts <c>node {script} {arguments...}</c> in the harness directory.</summary>
    public static async Task<JsonLineHarness> StartAsync(string script, IEnumerable<string> arguments)
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
        psi.ArgumentList.Add(script);
        foreach (var argument in arguments)
            psi.ArgumentList.Add(argument);
        return new JsonLineHarness(Process.Start(psi) ?? throw new InvalidOperationException("could not start node"), script);
    }

    /// <summary>Sends one command, serialized as a JSON line.</summary>
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
            throw new TimeoutException($"{_name}: no {what} within {timeout.TotalSeconds} s. Output:\n{Log}");
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
