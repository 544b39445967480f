namespace Devp2p.Kernel.Dispatch;

/// <summary>
/// One array segment of an <see cref="MpscEnvelopeQueue"/>: slots holding <c>(Message, Sender)</c> by value, the
/// producers' reservation counter, the link to the next segment, and the queue that currently owns it. Segments are
/// recycled (a queue's spare, or <see cref="EnvelopeSegmentPool"/> across queues), so the owner can change; a
/// producer that reserved in a segment it read before the change sees a different owner and gives its slot back.
/// </summary>
internal sealed class EnvelopeSegment(int length, MpscEnvelopeQueue owner)
{
    /// <summary>The reservation counter of a segment that is not open (being recycled, pooled, or not yet linked).</summary>
    public const int Pending = 1 << 30;

    public readonly Slot[] Slots = new Slot[length];
    public EnvelopeSegment? Next;
    private PaddedCounter _reserved = new() { Value = Pending };

    /// <summary>
    /// The producers' reservation counter, on a cache line of its own: every sender increments it, and the
    /// consumer's reads of <see cref="Slots"/> and <see cref="Next"/> should not miss because of that.
    /// </summary>
    public ref int Reserved => ref _reserved.Value;

    /// <summary>Written before the segment is opened (an interlocked write of <see cref="Reserved"/>), so a producer that reserved a slot reads the owner of that opening.</summary>
    public MpscEnvelopeQueue Owner = owner;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public int Value;
    }

    public struct Slot
    {
        public object? Message;
        public IActorRef? Sender;
    }
}
