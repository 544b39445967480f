using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Tests;

public class KeyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devp2p-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertValidKeyHex(string hex)
    {
        Assert.Matches("^[0-9a-f]{64}$", hex);
        Assert.True(Secp256k1.Default.IsValidPrivateKey(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Generate_prints_a_new_valid_key()
    {
        var first = Cli.Run("key", "generate");
        var second = Cli.Run("key", "generate");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("", first.Err);
        Assert.EndsWith("\n", first.Out);
        AssertValidKeyHex(first.Out.TrimEnd('\n'));
        Assert.NotEqual(first.Out, second.Out);
    }

    [Fact]
    public void Generate_writes_the_key_file_with_a_trailing_newline_and_owner_only_access()
    {
        var path = Path.Combine(_dir, "node.key");
        var result = Cli.Run("key", "generate", "--out", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("", result.Err);
        var text = File.ReadAllText(path);
        Assert.EndsWith("\n", text);
        AssertValidKeyHex(text.TrimEnd('\n'));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Generate_refuses_to_overwrite_without_force()
    {
        var path = Path.Combine(_dir, "node.key");
        File.WriteAllText(path, "keep me");

        Cli.AssertFails(Cli.Run("key", "generate", "--out", path), "already exists; pass --force");
        Assert.Equal("keep me", File.ReadAllText(path));

        Assert.Equal(0, Cli.Run("key", "generate", "--out", path, "--force").ExitCode);
        AssertValidKeyHex(File.ReadAllText(path).Trim());
    }

    [Fact]
    public void Generate_into_a_missing_directory_fails_with_one_line()
    {
        Cli.AssertFails(Cli.Run("key", "generate", "--out", Path.Combine(_dir, "no", "such", "dir", "k")), "cannot write");
    }

    [Fact]
    public void To_enode_with_the_vector_key_gives_the_vector_public_key()
    {
        var result = Cli.Run("key", "to-enode", "--hex", Cli.EnrPrivateKey);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Equal($"enode://{Cli.EnrPublicKey64}@127.0.0.1:30303\n", result.Out);
        Assert.Equal(Cli.EnrPublicKey64, EnodeUrl.Parse(result.Out.Trim()).Id.ToHex());
    }

    [Theory]
    [InlineData(new[] { "--ip", "10.1.2.3", "--tcp", "30304" }, "@10.1.2.3:30304")]
    [InlineData(new[] { "--tcp", "30304", "--udp", "30301" }, "@127.0.0.1:30304?discport=30301")]
    [InlineData(new[] { "--udp", "0" }, "@127.0.0.1:30303?discport=0")]
    [InlineData(new[] { "--ip", "2001:db8::1", "--tcp", "1" }, "@[2001:db8::1]:1")]
    [InlineData(new[] { "--ip", "[::1]" }, "@[::1]:30303")]
    public void To_enode_takes_the_address_options(string[] options, string expectedSuffix)
    {
        var result = Cli.Run(["key", "to-enode", "--hex", Cli.EnrPrivateKey, .. options]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"enode://{Cli.EnrPublicKey64}{expectedSuffix}\n", result.Out);
    }

    [Fact]
    public void To_enode_reads_a_key_file_ignoring_surrounding_whitespace()
    {
        var path = Path.Combine(_dir, "node.key");
        File.WriteAllText(path, $"  {Cli.EnrPrivateKey.ToUpperInvariant()}\r\n\n");

        var result = Cli.Run("key", "to-enode", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"enode://{Cli.EnrPublicKey64}@127.0.0.1:30303\n", result.Out);
    }

    [Fact]
    public void A_generated_key_file_feeds_to_enode()
    {
        var path = Path.Combine(_dir, "node.key");
        Assert.Equal(0, Cli.Run("key", "generate", "--out", path).ExitCode);
        var result = Cli.Run("key", "to-enode", path);
        Assert.Equal(0, result.ExitCode);
        var key = Convert.FromHexString(File.ReadAllText(path).Trim());
        Assert.Equal(NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(key)), EnodeUrl.Parse(result.Out.Trim()).Id);
    }

    [Theory]
    [InlineData("zz", "64 hex digits, got 2")]
    [InlineData("0xb71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291", "without a 0x prefix")]
    [InlineData("g71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291", "found 'g'")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "not a valid secp256k1 private key")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "not a valid secp256k1 private key")] // n
    public void To_enode_rejects_bad_hex(string hex, string messagePart)
    {
        var line = Cli.AssertFails(Cli.Run("key", "to-enode", "--hex", hex), messagePart);
        Assert.Contains("--hex", line);
    }

    [Fact]
    public void To_enode_rejects_a_bad_key_file()
    {
        var path = Path.Combine(_dir, "bad.key");
        File.WriteAllText(path, "not a key\n");
        Cli.AssertFails(Cli.Run("key", "to-enode", path), $"key file {path}");
        Cli.AssertFails(Cli.Run("key", "to-enode", Path.Combine(_dir, "missing.key")), "cannot read key file");
    }

    [Theory]
    [InlineData(new[] { "key", "to-enode" }, "no key given")]
    [InlineData(new[] { "key", "to-enode", "--hex", "00", "some.key" }, "not both")]
    [InlineData(new[] { "key", "to-enode", "--ip", "example.org", "--hex", "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291" }, "--ip")]
    [InlineData(new[] { "key", "to-enode", "--ip", "127.1", "--hex", "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291" }, "--ip")]
    [InlineData(new[] { "key", "to-enode", "--tcp", "65536", "--hex", "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291" }, "--tcp")]
    [InlineData(new[] { "key", "to-enode", "--udp", "x", "--hex", "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291" }, "--udp")]
    public void To_enode_rejects_bad_usage(string[] args, string messagePart)
    {
        Cli.AssertFails(Cli.Run(args), messagePart);
    }
}
