using Devp2p.Protocol.Crypto;

namespace Devp2p.Hosting.Tests;

/// <summary>Fixed valid node keys for tests.</summary>
internal static class Keys
{
    public static readonly byte[] A = Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");

    public static string Hex(byte[] key) => Convert.ToHexStringLower(key);

    public static byte[] Fresh() => Secp256k1.GeneratePrivateKey();
}
