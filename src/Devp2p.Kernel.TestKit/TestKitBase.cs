using System.Collections.Concurrent;
using System.Diagnostics;

namespace Devp2p.Kernel.TestKit;

/// <summary>
/// Expectations over the messages received by a test actor, shared by <see cref="TestKit"/> and <see cref="TestProbe"/>.
/// Every wait is bounded: by the given timeout, else the remaining time of the enclosing <see cref="Within(TimeSpan, Action)"/>,
/// else <see cref="TestKitSettings.DefaultTimeout"/>.
/// </summary>
public abstract partial class TestKitBase
{
    private readonly BlockingCollection<MessageEnvelope> _queue = new();
    private readonly IActorRef _testActor;
    private long? _deadline;
    private MessageEnvelope? _last;

    private protected TestKitBase(ActorSystem system, TestKitSettings settings, string? testActorName)
    {
        Sys = system;
        Settings = settings;
        _testActor = system.SystemActorOf(Props.Create(() => new TestActor(_queue)), testActorName);
    }

    public ActorSystem Sys { get; }
    public TestKitSettings Settings { get; }

    /// <summary>The actor whose mailbox the expectations read; the implicit sender of <c>Tell(message)</c> from the test.</summary>
    public IActorRef TestActor => _testActor;

    /// <summary>The sender of the last message received by an expectation.</summary>
    public IActorRef LastSender => _last?.Sender ?? Sys.DeadLetters;

    public object? LastMessage => _last?.Message;

    public TimeSpan DefaultTimeout => Settings.DefaultTimeout;

    /// <summary>The time left in the enclosing Within, or the default timeout.</summary>
    public TimeSpan RemainingOrDefault => _deadline is { } d ? Remaining(d) : DefaultTimeout;

    private static TimeSpan Remaining(long deadline) => TimeSpan.FromTicks(Math.Max(0, (deadline - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));

    private TimeSpan Timeout(TimeSpan? given) => given is { } g && _deadline is { } d ? TimeSpan.FromTicks(Math.Min(g.Ticks, Remaining(d).Ticks)) : given ?? RemainingOrDefault;

    /// <summary>Watches <paramref name="actor"/> from the TestActor; its Terminated will arrive as a message.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        _testActor.Tell(new TestActor.WatchCommand(actor), null);
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        _testActor.Tell(new TestActor.UnwatchCommand(actor), null);
        return actor;
    }

    /// <summary>Replies to <see cref="LastSender"/> with the TestActor as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, _testActor);

    /// <summary>Sends with the TestActor as sender.</summary>
    public void Send(IActorRef actor, object message) => actor.Tell(message, _testActor);

    /// <summary>Forwards the last received message to <paramref name="actor"/>, keeping its original sender.</summary>
    public void Forward(IActorRef actor) => actor.Tell(LastMessage ?? throw new InvalidOperationException("No message received yet."), LastSender);

    /// <summary>Receives one message within the timeout, or returns null.</summary>
    public object? ReceiveOne(TimeSpan? max = null)
    {
        var envelope = TryReceive(Timeout(max));
        return envelope?.Message;
    }

    private MessageEnvelope? TryReceive(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero) timeout = TimeSpan.Zero;
        if (!_queue.TryTake(out var envelope, timeout)) return null;
        _last = envelope;
        return envelope;
    }

    private MessageEnvelope ReceiveOrFail(TimeSpan timeout, string what)
    {
        return TryReceive(timeout) ?? throw Fail($"Timeout ({timeout}) while waiting for {what}");
    }

    private protected static Exception Fail(string message) => new Xunit.Sdk.XunitException(message);

    // ---- ExpectMsg ----

    /// <summary>Expects a message of type <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>((Predicate<T>?)null, timeout);

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var t = Timeout(timeout);
        var envelope = ReceiveOrFail(t, $"message {expected}");
        if (envelope.Message is T m && Equals(m, expected)) return m;
        throw Fail($"Expected message {Describe(expected)} but got {Describe(envelope.Message)} from {envelope.Sender}");
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    public T ExpectMsg<T>(Predicate<T>? isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        var t = Timeout(timeout);
        var envelope = ReceiveOrFail(t, $"message of type {typeof(T).Name}{(hint is null ? "" : " " + hint)}");
        if (envelope.Message is not T m)
            throw Fail($"Expected a message of type {typeof(T).Name} but got {Describe(envelope.Message)} from {envelope.Sender}");
        if (isMessage is not null && !isMessage(m))
            throw Fail($"Message {Describe(m)} from {envelope.Sender} did not match the predicate{(hint is null ? "" : ": " + hint)}");
        return m;
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> and runs <paramref name="assertion"/> on it.</summary>
    public T ExpectMsg<T>(Action<T> assertion, TimeSpan? timeout = null)
    {
        var m = ExpectMsg<T>((Predicate<T>?)null, timeout);
        assertion(m);
        return m;
    }

    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null) => ExpectMsgFrom<T>(sender, (Predicate<T>?)null, timeout);

    public T ExpectMsgFrom<T>(IActorRef sender, T expected, TimeSpan? timeout = null) where T : notnull
    {
        var m = ExpectMsg<T>(expected, timeout);
        CheckSender(sender);
        return m;
    }

    public T ExpectMsgFrom<T>(IActorRef sender, Predicate<T>? isMessage, TimeSpan? timeout = null)
    {
        var m = ExpectMsg<T>(isMessage, timeout);
        CheckSender(sender);
        return m;
    }

    public T ExpectMsgFrom<T>(IActorRef sender, Action<T> assertion, TimeSpan? timeout = null)
    {
        var m = ExpectMsg<T>(assertion, timeout);
        CheckSender(sender);
        return m;
    }

    private void CheckSender(IActorRef expected)
    {
        if (!LastSender.Equals(expected)) throw Fail($"Expected sender {expected} but got {LastSender} (message {Describe(LastMessage)})");
    }

    /// <summary>Expects exactly these messages, in any order.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages) => ExpectMsgAllOf(RemainingOrDefault, messages);

    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan max, params T[] messages)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Timeout(max).TotalSeconds * Stopwatch.Frequency);
        var missing = messages.ToList();
        var received = new List<T>();
        while (missing.Count > 0)
        {
            var envelope = TryReceive(Remaining(deadline))
                ?? throw Fail($"Timeout while waiting for all of [{string.Join(", ", messages.Select(m => Describe(m)))}]; still missing [{string.Join(", ", missing.Select(m => Describe(m)))}]");
            var index = missing.FindIndex(m => Equals(m, envelope.Message));
            if (index < 0) throw Fail($"Unexpected message {Describe(envelope.Message)} while waiting for [{string.Join(", ", missing.Select(m => Describe(m)))}]");
            received.Add((T)envelope.Message);
            missing.RemoveAt(index);
        }
        return received;
    }

    /// <summary>Expects no message for <paramref name="duration"/> (default: the remaining time, as Akka).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var envelope = TryReceive(Timeout(duration));
        if (envelope is not null) throw Fail($"Expected no message but got {Describe(envelope.Message)} from {envelope.Sender}");
    }

    /// <summary>Expects the Terminated of an actor watched with <see cref="Watch"/>.</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(actor), timeout, $"Terminated of {actor}");

    /// <summary>Receives messages, dropping those for which <paramref name="isMessage"/> is false, until one matches.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? max = null, string hint = "") =>
        FishForMessage<object>(isMessage, max, hint);

    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "")
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Timeout(max).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var envelope = TryReceive(Remaining(deadline)) ?? throw Fail($"Timeout while fishing for a message {hint}");
            if (envelope.Message is T m && isMessage(m)) return m;
        }
    }

    /// <summary>Receives exactly <paramref name="count"/> messages.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Timeout(max).TotalSeconds * Stopwatch.Frequency);
        var list = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var envelope = TryReceive(Remaining(deadline)) ?? throw Fail($"Timeout while waiting for message {i + 1} of {count}");
            list.Add(envelope.Message);
        }
        return list;
    }

    /// <summary>Whether a message is waiting (without taking it).</summary>
    public bool HasMessages => _queue.Count > 0;

    private static string Describe(object? message) => message is null ? "null" : $"<{message}> ({message.GetType().Name})";
}
