using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>
/// Write-behind for the hot path of discovery: every Ping and Pong sets a proof timestamp, and one
/// SQLite commit each costs far more than the packet. Proof writes (ping, pong, FindNode failures)
/// are kept in memory, read back from there, and written in one transaction by <see cref="Flush"/>:
/// when <see cref="MaxPending"/> (id, ip) pairs are waiting, when a write's time is
/// <see cref="FlushInterval"/> past the oldest waiting one, before any operation that reads or deletes
/// proof rows in bulk (upsert with eviction, delete, seeds, expiry), and on dispose. The owner may also
/// call <see cref="Flush"/> from a timer. A killed process loses at most the waiting writes — cached
/// network facts that the next ping or pong restores. Node reads are cached too (every Ping and Pong
/// reads its sender's row, a SELECT each): up to 4096 rows, absent ones included, forgotten on any
/// upsert (which may evict other rows), delete or expiry. Thread-safe (one lock).
/// </summary>
public sealed class WriteBehindNodeDatabase : INodeDatabase
{
    private readonly INodeDatabase _inner;
    private readonly object _lock = new();
    private readonly Dictionary<(NodeId Id, IPAddress Ip), Pending> _pending = new();
    private readonly List<ProofWrite> _batch = new();
    private readonly Dictionary<NodeId, StoredNode?> _nodes = new();
    private const int NodeCacheSize = 4096;
    private DateTimeOffset? _oldest;
    private bool _disposed;

    /// <param name="inner">The store written to; takes ownership (disposed with this).</param>
    /// <param name="flushInterval">Most time, by the callers' clock, a write may wait; default 2 s.</param>
    /// <param name="maxPending">Most (id, ip) pairs waiting; default 4096.</param>
    public WriteBehindNodeDatabase(INodeDatabase inner, TimeSpan? flushInterval = null, int maxPending = 4096)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPending, 1);
        _inner = inner;
        FlushInterval = flushInterval ?? TimeSpan.FromSeconds(2);
        MaxPending = maxPending;
    }

    public TimeSpan FlushInterval { get; }

    public int MaxPending { get; }

    /// <summary>(id, ip) pairs with writes not yet in the store.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
                return _pending.Count;
        }
    }

    /// <summary>Writes everything waiting to the store (one transaction on <see cref="SqliteNodeDatabase"/>).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushLocked();
        }
    }

    public void UpsertNode(StoredNode node) => FlushThen(() =>
    {
        _nodes.Clear();
        _inner.UpsertNode(node);
    });

    public StoredNode? GetNode(NodeId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_nodes.TryGetValue(id, out var cached))
                return cached;
            var node = _inner.GetNode(id);
            if (_nodes.Count >= NodeCacheSize)
                _nodes.Clear();
            _nodes[id] = node;
            return node;
        }
    }

    public void DeleteNode(NodeId id) => FlushThen(() =>
    {
        _nodes.Clear();
        _inner.DeleteNode(id);
    });

    public DateTimeOffset? LastPingReceived(NodeId id, IPAddress ip) =>
        Read(id, ip, p => p.Ping, () => _inner.LastPingReceived(id, ip));

    public void SetLastPingReceived(NodeId id, IPAddress ip, DateTimeOffset at) =>
        Write(id, ip, at, (ref Pending p) => p.Ping = at);

    public DateTimeOffset? LastPongReceived(NodeId id, IPAddress ip) =>
        Read(id, ip, p => p.Pong, () => _inner.LastPongReceived(id, ip));

    public void SetLastPongReceived(NodeId id, IPAddress ip, DateTimeOffset at) =>
        Write(id, ip, at, (ref Pending p) => p.Pong = at);

    public int FindFails(NodeId id, IPAddress ip) =>
        Read(id, ip, p => p.FindFails, () => (int?)_inner.FindFails(id, ip)) ?? 0;

    public void SetFindFails(NodeId id, IPAddress ip, int fails)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fails);
        Write(id, ip, null, (ref Pending p) => p.FindFails = fails);
    }

    public ulong LocalSeq(NodeId localId) => _inner.LocalSeq(localId);

    public void SetLocalSeq(NodeId localId, ulong seq) => _inner.SetLocalSeq(localId, seq);

    public IReadOnlyList<StoredNode> QuerySeeds(int max, TimeSpan maxAge, DateTimeOffset now) =>
        FlushThen(() => _inner.QuerySeeds(max, maxAge, now));

    public int ExpireNodes(DateTimeOffset cutoff) => FlushThen(() =>
    {
        _nodes.Clear();
        return _inner.ExpireNodes(cutoff);
    });

    /// <summary>Flushes what is waiting, then disposes the store.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            try
            {
                FlushLocked();
            }
            finally
            {
                _disposed = true;
                _inner.Dispose();
            }
        }
    }

    private static (NodeId, IPAddress) Key(NodeId id, IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(ip);
        return (id, ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip); // the store keeps one proof for both forms
    }

    private T? Read<T>(NodeId id, IPAddress ip, Func<Pending, T?> pending, Func<T?> stored) where T : struct
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pending.TryGetValue(Key(id, ip), out var p) && pending(p) is { } value)
                return value;
            return stored();
        }
    }

    private delegate void Update(ref Pending pending);

    private void Write(NodeId id, IPAddress ip, DateTimeOffset? at, Update update)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = Key(id, ip);
            _pending.TryGetValue(key, out var p);
            update(ref p);
            _pending[key] = p;
            if (at is { } time)
                _oldest = _oldest is { } oldest && oldest <= time ? oldest : time;
            if (_pending.Count >= MaxPending || (at is { } now && _oldest is { } first && now - first >= FlushInterval))
                FlushLocked();
        }
    }

    private T FlushThen<T>(Func<T> operation)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushLocked();
            return operation();
        }
    }

    private void FlushThen(Action operation) => FlushThen(() =>
    {
        operation();
        return 0;
    });

    private void FlushLocked()
    {
        if (_pending.Count == 0)
            return;
        _batch.Clear();
        foreach (var ((id, ip), p) in _pending)
        {
            if (p.Ping is { } ping)
                _batch.Add(new ProofWrite(id, ip, ProofKind.Ping, ping, 0));
            if (p.Pong is { } pong)
                _batch.Add(new ProofWrite(id, ip, ProofKind.Pong, pong, 0));
            if (p.FindFails is { } fails)
                _batch.Add(new ProofWrite(id, ip, ProofKind.FindFails, default, fails));
        }
        if (_inner is SqliteNodeDatabase sqlite)
        {
            sqlite.WriteProofs(_batch);
        }
        else
        {
            foreach (var write in _batch)
            {
                switch (write.Kind)
                {
                    case ProofKind.Ping: _inner.SetLastPingReceived(write.Id, write.Ip, write.At); break;
                    case ProofKind.Pong: _inner.SetLastPongReceived(write.Id, write.Ip, write.At); break;
                    default: _inner.SetFindFails(write.Id, write.Ip, write.FindFails); break;
                }
            }
        }
        _pending.Clear();
        _batch.Clear();
        _oldest = null;
    }

    private struct Pending
    {
        public DateTimeOffset? Ping;
        public DateTimeOffset? Pong;
        public int? FindFails;
    }
}
