namespace Devp2p.Actors.Discovery;

/// <summary>
/// The bound between the UDP receive loop and the DiscoveryActor's mailbox. Datagrams arrive as fast
/// as anyone can send them; each costs a signature recovery (on the receive loop, <see cref="InboundDecoder"/>)
/// and the actor's turn, which is slower. Without a bound a flood grows the mailbox without limit. The
/// receive loop calls <see cref="TryEnter"/> before decoding (a datagram past <see cref="Capacity"/> in
/// flight is shed undecoded and counted, as a full socket buffer would), the actor calls
/// <see cref="Leave"/> once per datagram it takes. Thread-safe.
/// </summary>
internal sealed class DatagramIntake(int capacity)
{
    private int _inFlight;
    private long _shed;
    private long _admitted;
    private long _taken;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    /// <summary>Datagrams shed because the actor was <see cref="Capacity"/> behind.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    /// <summary>Datagrams admitted so far (decoded or being decoded, taken or on their way to the actor).</summary>
    public long Admitted => Interlocked.Read(ref _admitted);

    /// <summary>Datagrams the actor has taken so far; <see cref="Admitted"/> minus this are on their way.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>True when the datagram may go to the actor; false when it is shed.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= Capacity)
        {
            Interlocked.Increment(ref _admitted);
            return true;
        }
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _shed);
        return false;
    }

    /// <summary>The actor took one datagram off its mailbox.</summary>
    public void Leave()
    {
        Interlocked.Increment(ref _taken);
        Interlocked.Decrement(ref _inFlight);
    }
}
