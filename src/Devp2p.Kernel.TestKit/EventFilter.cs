using Stopwatch = System.Diagnostics.Stopwatch;
using Devp2p.Kernel.Event;

namespace Devp2p.Kernel.TestKit;

/// <summary>Creates event filters (Akka's <c>EventFilter</c>): which published log events or dead letters to count.</summary>
public sealed class EventFilterFactory
{
    private readonly TestKit _kit;

    internal EventFilterFactory(TestKit kit) => _kit = kit;

    /// <summary>Error log events, optionally with a message containing <paramref name="contains"/>.</summary>
    public EventFilterApplier Error(string? contains = null) => Log<Error>(contains, null);

    /// <summary>Error log events whose cause (or an inner exception of it) is a <typeparamref name="TException"/>.</summary>
    public EventFilterApplier Error<TException>(string? contains = null) where TException : Exception => Log<Error>(contains, typeof(TException));

    /// <summary>Same as <see cref="Error{TException}"/> (Akka's name).</summary>
    public EventFilterApplier Exception<TException>(string? contains = null) where TException : Exception => Error<TException>(contains);

    public EventFilterApplier Warning(string? contains = null) => Log<Warning>(contains, null);
    public EventFilterApplier Info(string? contains = null) => Log<Info>(contains, null);
    public EventFilterApplier Debug(string? contains = null) => Log<Debug>(contains, null);

    /// <summary>Dead letters whose message is a <typeparamref name="T"/>.</summary>
    public EventFilterApplier DeadLetter<T>(Predicate<T>? isMessage = null) =>
        new(_kit, typeof(DeadLetter), e => e is DeadLetter { Message: T m } && (isMessage is null || isMessage(m)), $"DeadLetter<{typeof(T).Name}>");

    public EventFilterApplier DeadLetter() => new(_kit, typeof(DeadLetter), _ => true, "DeadLetter");

    /// <summary>Unhandled messages of type <typeparamref name="T"/>.</summary>
    public EventFilterApplier Unhandled<T>() =>
        new(_kit, typeof(UnhandledMessage), e => e is UnhandledMessage { Message: T }, $"Unhandled<{typeof(T).Name}>");

    private EventFilterApplier Log<TEvent>(string? contains, Type? exceptionType) where TEvent : LogEvent =>
        new(_kit, typeof(TEvent), e =>
            e is TEvent log
            && (contains is null || (log.Message.ToString() ?? "").Contains(contains, StringComparison.Ordinal))
            && (exceptionType is null || CauseMatches(log.Cause, exceptionType)),
            $"{typeof(TEvent).Name}{(exceptionType is null ? "" : "<" + exceptionType.Name + ">")}{(contains is null ? "" : $" containing \"{contains}\"")}");

    private static bool CauseMatches(Exception? cause, Type type)
    {
        for (var e = cause; e is not null; e = e.InnerException)
        {
            if (type.IsInstanceOfType(e)) return true;
        }
        return false;
    }
}

/// <summary>Runs code and checks how many matching events it caused.</summary>
public sealed class EventFilterApplier
{
    private readonly TestKit _kit;
    private readonly Type _channel;
    private readonly Func<object, bool> _matches;
    private readonly string _description;

    internal EventFilterApplier(TestKit kit, Type channel, Func<object, bool> matches, string description)
    {
        _kit = kit;
        _channel = channel;
        _matches = matches;
        _description = description;
    }

    public void ExpectOne(Action action, TimeSpan? timeout = null) => Expect(1, action, timeout);

    public T ExpectOne<T>(Func<T> function, TimeSpan? timeout = null) => Expect(1, function, timeout);

    /// <summary>Runs <paramref name="action"/>, then waits until <paramref name="expectedCount"/> matching events were published; fails on fewer (timeout) or more.</summary>
    public void Expect(int expectedCount, Action action, TimeSpan? timeout = null) => Expect(expectedCount, () =>
    {
        action();
        return 0;
    }, timeout);

    public T Expect<T>(int expectedCount, Func<T> function, TimeSpan? timeout = null)
    {
        var count = 0;
        var listener = new FunctionRef(_kit.Sys.NewTempPath(), _kit.Sys, (message, _) =>
        {
            if (_matches(message)) Interlocked.Increment(ref count);
        });
        _kit.Sys.EventStream.Subscribe(listener, _channel);
        try
        {
            var result = function();
            var max = timeout ?? _kit.RemainingOrDefault;
            var deadline = Stopwatch.GetTimestamp() + (long)(max.TotalSeconds * Stopwatch.Frequency);
            while (Volatile.Read(ref count) < expectedCount && Stopwatch.GetTimestamp() < deadline) Thread.Sleep(5);
            if (expectedCount == 0) Thread.Sleep(50);
            var actual = Volatile.Read(ref count);
            if (actual != expectedCount)
                throw new Xunit.Sdk.XunitException($"Expected {expectedCount} {_description} event(s) but got {actual} within {max}");
            return result;
        }
        finally
        {
            _kit.Sys.EventStream.Unsubscribe(listener);
        }
    }
}
