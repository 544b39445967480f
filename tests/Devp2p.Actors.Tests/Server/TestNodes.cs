using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Server;

/// <summary>Deterministic node keys and addresses for the server, listener and dialer specs.</summary>
internal static class TestNodes
{
    public static byte[] Key(int n)
    {
        var key = new byte[32];
        key[0] = 0x11;
        key[30] = (byte)(n >> 8);
        key[31] = (byte)n;
        return key;
    }

    public static NodeId Id(int n) => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Key(n), PublicKeyFormat.Raw64));

    public static EnodeUrl Enode(int n, string ip = "10.0.0.1", int port = 30303) => new(Id(n), IPAddress.Parse(ip), port, port);

    public static ServerSettings Settings(int selfKey = 0) => new()
    {
        PrivateKey = Key(selfKey),
        ListenEndPoint = null,
        NoDial = true,
        NoDiscovery = true,
    };
}
