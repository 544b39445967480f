using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench peers</c>' handle on its dialer process (<see cref="PeersDialers"/>): this CLI run again as
/// <c>devp2p bench peers-dialers</c>, spoken to line by line. Keeping the dialers out of the measuring
/// process makes its memory delta the node's alone. A child that fails or exits early becomes a
/// <see cref="CliException"/> carrying the last line of its stderr; disposing ends it (stdin closed, then killed
/// if it has not exited within <see cref="ExitTimeout"/>).
/// </summary>
internal sealed class PeersDialerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private volatile string? _lastErrorLine; // the child's last non-blank stderr line: what a failure quotes

    private PeersDialerProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
                _lastErrorLine = e.Data.Trim();
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the dialer process and waits until all <paramref name="count"/> dialers are connected.</summary>
    public static async Task<PeersDialerProcess> StartAsync(EnodeUrl target, int count, int rate, TimeSpan connectTimeout, CancellationToken ct)
    {
        var psi = SelfInvocation("bench", "peers-dialers", "--target", target.ToString(),
            "--count", count.ToString(CultureInfo.InvariantCulture), "--rate", rate.ToString(CultureInfo.InvariantCulture));
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new CliException($"bench peers: could not start {psi.FileName}");
        }
        catch (Win32Exception e)
        {
            throw new CliException($"bench peers: could not start the dialer process {psi.FileName}: {e.Message}");
        }
        var dialers = new PeersDialerProcess(process);
        try
        {
            var line = await dialers.ReadLineAsync(connectTimeout, "connecting its dialers", ct);
            if (line != PeersDialers.Connected)
                throw dialers.Failed($"said '{line}' instead of '{PeersDialers.Connected}'");
            return dialers;
        }
        catch
        {
            await dialers.DisposeAsync();
            throw;
        }
    }

    /// <summary>The child's process id (tests end it behind our back).</summary>
    internal int ProcessId => _process.Id;

    /// <summary>Runs one echo phase of <paramref name="duration"/> in the dialer process and returns its figures.</summary>
    public async Task<PeersEchoSummary> RunPhaseAsync(TimeSpan duration, CancellationToken ct)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync($"{PeersDialers.PhaseCommand} {duration.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)}".AsMemory(), ct);
            await _process.StandardInput.FlushAsync(ct);
        }
        catch (IOException)
        {
            throw Failed("exited before an echo phase"); // its stdin pipe is broken
        }
        var line = await ReadLineAsync(duration + PeersEchoLoad.DrainTimeout + ExitTimeout, "running an echo phase", ct);
        return PeersEchoSummary.TryParse(line) ?? throw Failed($"answered a phase with '{line}'");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close(); // the dialers disconnect and the process exits
            using var wait = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
        _process.Dispose();
    }

    private async Task<string> ReadLineAsync(TimeSpan timeout, string doing, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            if (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                return line;
            await _process.WaitForExitAsync(deadline.Token); // also drains its stderr, so the error quotes its last line
            throw Failed($"exited while {doing}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Failed($"did not finish {doing} within {timeout.TotalSeconds:0} s");
        }
    }

    private CliException Failed(string what) =>
        new($"bench peers: the dialer process {what}{(_lastErrorLine is { } line ? $": {line}" : "")}");

    /// <summary>
    /// This CLI with other arguments: the apphost when we run as one, else the dotnet host on our
    /// assembly (<c>dotnet devp2p.dll</c>, and in-process test runs, where the process is a test host).
    /// </summary>
    private static ProcessStartInfo SelfInvocation(params string[] args)
    {
        var host = Environment.ProcessPath ?? throw new CliException("bench peers: cannot tell which executable runs this process");
        var assembly = typeof(PeersDialerProcess).Assembly.Location;
        bool apphost = Path.GetFileNameWithoutExtension(host) == Path.GetFileNameWithoutExtension(assembly);
        var psi = new ProcessStartInfo(apphost ? host : DotnetHost(host));
        if (!apphost)
        {
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(assembly);
        }
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        return psi;
    }

    private static string DotnetHost(string host) =>
        Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
