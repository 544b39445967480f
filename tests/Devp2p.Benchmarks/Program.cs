using BenchmarkDotNet.Running;

namespace Devp2p.Benchmarks;

/// <summary>Runs the micro-benchmarks chosen with BenchmarkDotNet's own switches (e.g. <c>--filter *Rlp*</c>).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
