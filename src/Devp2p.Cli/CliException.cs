namespace Devp2p.Cli;

/// <summary>A user error a command reports as one line on stderr with exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
