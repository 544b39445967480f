namespace Devp2p.Protocol.Eth;

/// <summary>Why a remote Status was refused (geth's eth handshake errors), or <see cref="None"/>.</summary>
public enum StatusError
{
    None,
    NetworkIdMismatch,
    ProtocolVersionMismatch,
    GenesisMismatch,
    ForkIdRejected,
}

/// <summary>The verdict on a remote Status, with geth's wording for logs ("network ID mismatch: 5 (!= 1)").</summary>
public readonly record struct StatusCheckResult(StatusError Error, string Message)
{
    public static StatusCheckResult Ok { get; } = new(StatusError.None, "ok");

    public bool IsOk => Error == StatusError.None;

    public override string ToString() => Message;
}
