using Devp2p.Cli.Commands.Bench;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Cli.Tests.Bench;

public sealed class RlpPayloadTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(32)]
    [InlineData(56)]
    [InlineData(58)]
    [InlineData(64)]
    [InlineData(1024)]
    [InlineData(65536)]
    [InlineData(70000)]
    public void Payload_is_one_rlp_string_of_exactly_the_size(int size)
    {
        var payload = RlpPayload.OfTotalLength(size, new Random(size));
        Assert.Equal(size, payload.Length);
        var reader = new RlpReader(payload);
        var content = reader.ReadBytes();
        Assert.True(reader.IsAtEnd);
        Assert.True(content.Length >= size - 5);
    }
}
