namespace Devp2p.Actors.Dialer;

/// <summary>Why the dial scheduler will not dial a node now (geth dial.go's checkDial errors, plus slots and pending inbound).</summary>
public enum DialRefusal
{
    None,
    Self,
    NoAddress,
    NoTcpPort,
    AlreadyDialing,
    AlreadyConnected,
    PendingInbound,
    NetRestrict,
    RecentlyDialed,
    NoFreeSlot,
}
