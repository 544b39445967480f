using System.CommandLine;
using Devp2p.Cli.Commands;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli;

/// <summary>
/// Builds the command tree and runs it against the given writers, so tests drive the
/// real command in-process. Every failure the user can cause ends the same way: exit
/// code 1 and one line on stderr saying what is wrong. Anything else is a bug: exit code 2,
/// also one line, so scripts never parse a stack trace.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code (0 ok, 1 bad input, 2 internal error).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliOutput(stdout, stderr);
        var root = new RootCommand("devp2p: Ethereum's devp2p networking layer for .NET");
        root.Subcommands.Add(KeyCommand.Create(io));
        root.Subcommands.Add(EnrCommand.Create(io));
        root.Subcommands.Add(RlpxCommand.Create(io));
        root.Subcommands.Add(Discv4Command.Create(io));
        root.Subcommands.Add(NodeCommand.Create(io));
        root.Subcommands.Add(Commands.Testnet.TestnetCommand.Create(io));
        root.Subcommands.Add(Commands.Fuzz.FuzzCommand.Create(io));
        root.Subcommands.Add(Commands.Bench.BenchCommand.Create(io));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
            return Fail(stderr, FirstError(parsed));

        try
        {
            // Ctrl-C / SIGTERM cancel the command's token; `node` then needs time for its graceful stop
            // (Disconnect to every peer, discovery and the node database closed): System.CommandLine's 2 s cut it short.
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });
        }
        catch (Exception ex) when (ex is CliException or Devp2p.Kernel.Configuration.ConfigException or TimeoutException or FormatException or ArgumentException or CryptoException or IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, ex.Message);
        }
        catch (Exception ex)
        {
            Fail(stderr, $"internal error ({ex.GetType().Name}): {ex.Message}");
            return 2;
        }
    }

    // One line only: the error naming a token the user typed ("Unrecognized command or argument 'x'")
    // says more than "Required command was not provided", which System.CommandLine lists first.
    private static string FirstError(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            foreach (var token in parsed.UnmatchedTokens)
            {
                if (error.Message.Contains($"'{token}'", StringComparison.Ordinal))
                    return error.Message;
            }
        }
        return parsed.Errors[0].Message;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("devp2p: " + OneLine(message));
        return 1;
    }

    // Exception messages from libraries may span lines; the contract is one line on stderr.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
