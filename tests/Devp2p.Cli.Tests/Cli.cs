using System.Text.Json;
using Devp2p.Tests.Shared;

namespace Devp2p.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it writes.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = CliApp.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the bad-input contract: exit code 1, nothing on stdout, one line on stderr.</summary>
    public static string AssertFails(Result result, string messagePart)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.EndsWith("\n", result.Err);
        Assert.StartsWith("devp2p: ", line);
        Assert.Contains(messagePart, line);
        return line;
    }

    private static readonly Lazy<JsonElement> Vector = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Vector("enr.json"))).RootElement.Clone());

    /// <summary>The EIP-778 example record (../shared/vectors/enr.json).</summary>
    public static JsonElement EnrVector => Vector.Value;

    public static string EnrText => EnrVector.GetProperty("text").GetString()!;

    public static string EnrPrivateKey => EnrVector.GetProperty("private_key").GetString()!;

    public static string EnrPublicKey64 => EnrVector.GetProperty("uncompressed_pubkey_64").GetString()!;
}
