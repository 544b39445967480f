namespace Devp2p.Cli.Tests.Bench;

/// <summary>Bad options are refused before anything is measured: exit 1, one line on stderr naming the option.</summary>
public sealed class BenchOptionTests
{
    [Theory]
    [InlineData(new[] { "bench" }, "Required command")]
    [InlineData(new[] { "bench", "nonsense" }, "'nonsense'")]
    [InlineData(new[] { "bench", "throughput", "--size", "100" }, "--size must be 64, 1024 or 65536, got 100")]
    [InlineData(new[] { "bench", "throughput", "--messages", "0" }, "--messages must be at least 1, got 0")]
    [InlineData(new[] { "bench", "throughput", "--size", "big" }, "big")]
    [InlineData(new[] { "bench", "handshake", "--connections", "0" }, "--connections must be at least 1")]
    [InlineData(new[] { "bench", "handshake", "--concurrency", "-3" }, "--concurrency must be at least 1, got -3")]
    [InlineData(new[] { "bench", "handshake", "--concurrency", "1025" }, "bench handshake: --concurrency must be at most 1024, got 1025")]
    [InlineData(new[] { "bench", "handshake", "--target", "enode://zz@127.0.0.1:30303" }, "bench handshake: --target")]
    [InlineData(new[] { "bench", "handshake", "--listen", "127.0.0.1:0", "--target", "enode://x" }, "give --target or --listen, not both")]
    [InlineData(new[] { "bench", "discovery", "--pings", "0" }, "--pings must be at least 1")]
    [InlineData(new[] { "bench", "discovery", "--concurrency", "0" }, "bench discovery: --concurrency must be at least 1")]
    [InlineData(new[] { "bench", "discovery", "--target", "not-an-enode" }, "bench discovery: --target")]
    [InlineData(new[] { "bench", "peers", "--count", "0" }, "--count must be at least 1")]
    [InlineData(new[] { "bench", "peers", "--count", "50001" }, "--count must be at most 50000")]
    [InlineData(new[] { "bench", "peers", "--seconds", "0" }, "--seconds must be above 0")]
    [InlineData(new[] { "bench", "peers", "--rate", "-1" }, "--rate must be at least 1")]
    [InlineData(new[] { "bench", "peers", "--warmup", "-1" }, "bench peers: --warmup must be at least 0 and at most 600, got -1")]
    [InlineData(new[] { "bench", "throughput", "--warmup", "601" }, "bench throughput: --warmup must be at least 0 and at most 600, got 601")]
    [InlineData(new[] { "bench", "handshake", "--warmup", "-0.5" }, "bench handshake: --warmup must be at least 0 and at most 600, got -0.5")]
    [InlineData(new[] { "bench", "kernel", "--messages", "0" }, "bench kernel: --messages must be at least 1")]
    [InlineData(new[] { "bench", "kernel", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "bench", "throughput", "--compare", "geth" }, "bench throughput: --compare must be ethereumjs, got 'geth'")]
    [InlineData(new[] { "bench", "handshake", "--compare", "ethereumjs", "--target", "enode://ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd31387574077f301b421bc84df7266c44e9e6d569fc56be00812904767bf5ccd1fc7f@127.0.0.1:1" }, "cannot be combined with --target")]
    [InlineData(new[] { "bench", "handshake", "--listen", "127.0.0.1:0", "--compare", "ethereumjs" }, "--compare does not apply to --listen")]
    [InlineData(new[] { "bench", "peers", "--compare", "ethereumjs" }, "'--compare'")]
    [InlineData(new[] { "bench", "kernel", "--compare", "ethereumjs" }, "'--compare'")]
    public void Bad_options_are_one_line_and_exit_1(string[] args, string messagePart)
    {
        Cli.AssertFails(Cli.Run(args), messagePart);
    }
}
