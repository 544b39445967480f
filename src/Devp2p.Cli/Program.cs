namespace Devp2p.Cli;

/// <summary>Entry point of the <c>devp2p</c> command; the verbs live under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
