namespace Devp2p.Protocol.Eth;

/// <summary>eth/68 message codes, local to the capability (the connection adds the capability's offset).</summary>
public static class EthMessageCodes
{
    /// <summary>The version this project speaks.</summary>
    public const uint Eth68 = 68;

    /// <summary>Message codes eth/68 owns: 0x00 .. 0x10.</summary>
    public const int Eth68Length = 17;

    /// <summary>geth's cap on an eth message (maxMessageSize, 10 MiB); a larger one is a protocol breach.</summary>
    public const int MaxMessageSize = 10 * 1024 * 1024;

    public const ulong Status = 0x00;
    public const ulong NewBlockHashes = 0x01;
    public const ulong Transactions = 0x02;
    public const ulong GetBlockHeaders = 0x03;
    public const ulong BlockHeaders = 0x04;
    public const ulong GetBlockBodies = 0x05;
    public const ulong BlockBodies = 0x06;
    public const ulong NewBlock = 0x07;
    public const ulong NewPooledTransactionHashes = 0x08;
    public const ulong GetPooledTransactions = 0x09;
    public const ulong PooledTransactions = 0x0a;
    public const ulong GetReceipts = 0x0f;
    public const ulong Receipts = 0x10;
}
