namespace Devp2p.Cli.Tests;

/// <summary>Every usage error, whoever detects it (System.CommandLine or a command), is exit 1 and one stderr line.</summary>
public class UsageErrorTests
{
    [Theory]
    [InlineData(new string[0], "Required command")]
    [InlineData(new[] { "nonsense" }, "'nonsense'")]
    [InlineData(new[] { "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "key" }, "Required command")]
    [InlineData(new[] { "key", "generate", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "key", "generate", "--out" }, "--out")]
    [InlineData(new[] { "key", "to-enode", "--tcp" }, "--tcp")]
    [InlineData(new[] { "enr" }, "Required command")]
    [InlineData(new[] { "enr", "decode" }, "Required argument missing")]
    [InlineData(new[] { "enr", "decode", "enr:wA", "--unknown" }, "'--unknown'")]
    [InlineData(new[] { "enr", "decode", "enr:wA", "extra" }, "'extra'")]
    public void Usage_errors_are_one_line_and_exit_1(string[] args, string messagePart)
    {
        Cli.AssertFails(Cli.Run(args), messagePart);
    }

    [Fact]
    public void Help_goes_to_stdout_and_exits_0()
    {
        var result = Cli.Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains("key", result.Out);
        Assert.Contains("enr", result.Out);
    }
}
