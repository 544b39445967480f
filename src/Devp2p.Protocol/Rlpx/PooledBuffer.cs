using System.Buffers;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// A byte buffer rented from <see cref="ArrayPool{T}.Shared"/> only while it is needed and grown on
/// demand, so an idle connection holds no buffer memory of its own. One owner at a time.
/// </summary>
internal sealed class PooledBuffer
{
    private byte[] _array = [];

    /// <summary>The rented array (empty when released).</summary>
    public byte[] Array => _array;

    /// <summary>The first <paramref name="length"/> bytes of a buffer at least that large; earlier contents are not kept when it grows.</summary>
    public Memory<byte> Get(int length)
    {
        if (_array.Length < length)
        {
            Release();
            _array = ArrayPool<byte>.Shared.Rent(length);
        }
        return _array.AsMemory(0, length);
    }

    /// <summary>Grows to at least <paramref name="length"/> bytes keeping the first <paramref name="keep"/> bytes.</summary>
    public void Grow(int length, int keep)
    {
        if (_array.Length >= length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(length);
        _array.AsSpan(0, keep).CopyTo(bigger);
        Release();
        _array = bigger;
    }

    /// <summary>Returns the array to the pool.</summary>
    public void Release()
    {
        var array = _array;
        _array = [];
        if (array.Length > 0)
            ArrayPool<byte>.Shared.Return(array);
    }
}
