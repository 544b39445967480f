namespace Devp2p.Protocol.Enode;

/// <summary>
/// A node's identity on the devp2p wire: its 64-byte secp256k1 public key (x || y, no 0x04
/// prefix). RLPx Hello, discv4 Neighbors and enode URLs all carry this form; the Kademlia
/// distance uses its Keccak-256 hash (<see cref="Hash"/>), which is also what EIP-778 calls
/// the node id.
/// </summary>
public sealed class NodeId : IEquatable<NodeId>
{
    /// <summary>Length of the wire form in bytes.</summary>
    public const int Length = 64;

    private readonly byte[] _bytes;
    private byte[]? _hash;

    private NodeId(byte[] bytes) => _bytes = bytes;

    /// <summary>Wraps a copy of a 64-byte public key. The point is not checked here; see <see cref="Crypto.Secp256k1"/>.</summary>
    public static NodeId FromBytes(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != Length)
            throw new ArgumentException($"a node id is {Length} bytes (x || y), got {publicKey64.Length}", nameof(publicKey64));
        return new NodeId(publicKey64.ToArray());
    }

    /// <summary>Parses 128 hex digits (either case, no prefix).</summary>
    public static NodeId FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length * 2)
            throw new FormatException($"a node id is {Length * 2} hex digits, got {hex.Length}");
        var bytes = new byte[Length];
        if (Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new FormatException("a node id must be hex digits only");
        return new NodeId(bytes);
    }

    /// <summary>The 64-byte public key.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Keccak-256 of the public key: the EIP-778 node id and the Kademlia distance key.</summary>
    public ReadOnlySpan<byte> Hash => _hash ??= Crypto.Keccak256.Hash(_bytes);

    /// <summary>Lower-case hex of the 64-byte key, as enode URLs print it.</summary>
    public string ToHex() => Convert.ToHexStringLower(_bytes);

    /// <summary>A short prefix for logs.</summary>
    public string ToShortString() => Convert.ToHexStringLower(_bytes, 0, 8);

    public override string ToString() => ToHex();

    public bool Equals(NodeId? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0) ^ BitConverter.ToInt32(_bytes, 60);

    public static bool operator ==(NodeId? left, NodeId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(NodeId? left, NodeId? right) => !(left == right);
}
