using System.CommandLine;

namespace Devp2p.Cli;

/// <summary>Entry point of the <c>devp2p</c> command; each verb lives in its own file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("devp2p: Ethereum's devp2p networking layer for .NET");
        return root.Parse(args).Invoke();
    }
}
