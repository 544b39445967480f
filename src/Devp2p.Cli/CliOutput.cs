namespace Devp2p.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, diagnostics to <see cref="Err"/>.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Err);
