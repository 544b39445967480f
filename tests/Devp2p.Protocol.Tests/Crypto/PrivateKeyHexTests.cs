using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Tests.Crypto;

/// <summary>The node-key text format every key input shares: what it accepts, and the words for what it refuses.</summary>
public class PrivateKeyHexTests
{
    private const string Key = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291";

    [Theory]
    [InlineData(Key)]
    [InlineData("  " + Key + "\n")]
    [InlineData("B71C71A67E1177AD4E901695E1B4B9EE17AE16C6668D313EAC2F96DBCDA3F291")]
    public void Accepts_64_hex_digits_with_surrounding_whitespace_in_either_case(string text)
    {
        Assert.True(PrivateKeyHex.TryParse(text, out var key, out var problem), problem);
        Assert.Equal(Convert.FromHexString(Key), key);
    }

    [Theory]
    [InlineData("0x" + Key, "without a 0x prefix")]
    [InlineData("zz", "64 hex digits, got 2 characters")]
    [InlineData("", "64 hex digits, got 0 characters")]
    [InlineData(Key + "00", "64 hex digits, got 66 characters")]
    [InlineData("g71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291", "hex digits only, found 'g'")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "zero, or not below the group order")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "zero, or not below the group order")]
    public void Refuses_with_the_reason(string text, string reason)
    {
        Assert.False(PrivateKeyHex.TryParse(text, out var key, out var problem));
        Assert.Null(key);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Format_round_trips_through_TryParse()
    {
        for (int i = 0; i < 50; i++)
        {
            var key = Secp256k1.GeneratePrivateKey();
            var text = PrivateKeyHex.Format(key);
            Assert.Equal(PrivateKeyHex.Digits, text.Length);
            Assert.True(PrivateKeyHex.TryParse(text, out var parsed, out _));
            Assert.Equal(key, parsed);
        }
    }

    [Fact]
    public void Format_refuses_a_wrong_length() =>
        Assert.Throws<ArgumentException>(() => PrivateKeyHex.Format(new byte[31]));
}
