using Devp2p.Kernel.Dispatch;

namespace Devp2p.Kernel;

/// <summary>Per-child supervision bookkeeping: restart counts in the current window, and whether it is being stopped.</summary>
internal sealed class ChildRestartStats(IInternalActorRef child)
{
    public IInternalActorRef Child { get; } = child;
    public bool IsStopping { get; set; }
    public int RetriesCount { get; set; }
    public TimeSpan? WindowStart { get; set; }

    /// <summary>Akka's restart permission: -1 retries = unlimited; a window restarts the count when it has passed.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange, TimeSpan now)
    {
        if (maxNrOfRetries < 0) return true;
        if (maxNrOfRetries == 0) return false;
        if (withinTimeRange is not { } window || window <= TimeSpan.Zero || window == Timeout.InfiniteTimeSpan)
        {
            RetriesCount++;
            return RetriesCount <= maxNrOfRetries;
        }

        var retriesDone = RetriesCount + 1;
        var windowStart = WindowStart ??= now;
        if (now - windowStart <= window)
        {
            RetriesCount = retriesDone;
            return retriesDone <= maxNrOfRetries;
        }

        RetriesCount = 1;
        WindowStart = now;
        return true;
    }
}

internal sealed partial class ActorCell
{
    private readonly object _childrenLock = new();
    private readonly Dictionary<string, ChildRestartStats> _children = new(StringComparer.Ordinal);
    private long _nextNameId;

    /// <summary>Thread-safe: also called by <see cref="ActorSystem.ActorOf"/> on the guardian from any thread.</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = NewChildName();
        else ValidateName(name);

        var path = Self.Path.Child(name, NewUid());
        var cell = new ActorCell(System, Self, props, path);
        lock (_childrenLock)
        {
            if (_children.ContainsKey(name)) throw new InvalidActorNameException($"Actor name [{name}] is not unique!");
            if (_isTerminating) throw new InvalidOperationException($"Cannot create child [{name}]: {Self.Path} is terminating");
            _children[name] = new ChildRestartStats(cell.Self);
        }
        cell.Start();
        return cell.Self;
    }

    public IActorRef Child(string name)
    {
        lock (_childrenLock) return _children.TryGetValue(name, out var stats) && !stats.IsStopping ? stats.Child : ActorRefs.Nobody;
    }

    public IEnumerable<IActorRef> GetChildren()
    {
        lock (_childrenLock) return _children.Values.Where(s => !s.IsStopping).Select(s => (IActorRef)s.Child).ToArray();
    }

    internal ChildRestartStats[] ChildStats()
    {
        lock (_childrenLock) return _children.Values.Where(s => !s.IsStopping).ToArray();
    }

    internal ChildRestartStats? ChildStatsFor(IActorRef child)
    {
        lock (_childrenLock) return _children.TryGetValue(child.Path.Name, out var s) && s.Child.Equals(child) ? s : null;
    }

    private bool HasStoppingChildren()
    {
        lock (_childrenLock) return _children.Values.Any(s => s.IsStopping);
    }

    /// <summary>Removes a terminated child; returns true if it was ours.</summary>
    private bool RemoveChild(IActorRef child)
    {
        lock (_childrenLock)
        {
            if (_children.TryGetValue(child.Path.Name, out var s) && s.Child.Equals(child))
            {
                _children.Remove(child.Path.Name);
                return true;
            }
            return false;
        }
    }

    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef internalRef) throw new ArgumentException($"{actor} is not an actor of this runtime", nameof(actor));
        var stats = ChildStatsFor(actor);
        if (stats is not null)
        {
            lock (_childrenLock) stats.IsStopping = true;
        }
        internalRef.SendSystemMessage(Dispatch.Terminate.Instance);
    }

    private void SuspendChildren(IActorRef? except = null)
    {
        foreach (var s in ChildStats())
        {
            if (except is null || !s.Child.Equals(except)) s.Child.SendSystemMessage(Suspend.Instance);
        }
    }

    private void ResumeChildren(Exception? causedByFailure, IActorRef? perpetrator)
    {
        foreach (var s in ChildStats())
        {
            s.Child.SendSystemMessage(new Resume(perpetrator is not null && s.Child.Equals(perpetrator) ? causedByFailure : null));
        }
    }

    private string NewChildName()
    {
        var n = Interlocked.Increment(ref _nextNameId) - 1;
        var chars = new Stack<char>();
        do
        {
            chars.Push((char)('a' + (int)(n % 26)));
            n /= 26;
        } while (n > 0);
        return "$" + new string(chars.ToArray());
    }

    private static long NewUid()
    {
        long uid;
        do uid = Random.Shared.Next(); while (uid == 0);
        return uid;
    }

    internal static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidActorNameException("Actor name must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Illegal actor name [{name}]: must not start with `$`.");
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || "-_.*+:@&=,!~';%()".Contains(c)) continue;
            throw new InvalidActorNameException(
                $"Illegal actor name [{name}]: must contain only ASCII letters, digits and -_.*+:@&=,!~';%() characters.");
        }
    }
}
