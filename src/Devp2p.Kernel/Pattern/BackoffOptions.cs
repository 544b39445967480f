namespace Devp2p.Kernel;

/// <summary>
/// How a <see cref="BackoffSupervisor"/> runs its child, as Akka's <c>Backoff.OnFailure / OnStop</c> options:
/// restart after <c>min * 2^n</c> (capped at max, times a random factor in [1, 1 + randomFactor]).
/// </summary>
public sealed record BackoffOptions
{
    private BackoffOptions(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, bool onFailure)
    {
        if (minBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minBackoff));
        if (maxBackoff < minBackoff) throw new ArgumentOutOfRangeException(nameof(maxBackoff));
        if (randomFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(randomFactor));
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        RestartOnFailureOnly = onFailure;
        ResetBackoffAfter = minBackoff;
    }

    /// <summary>Restart the child when it fails (a child that stops by itself stops the supervisor too).</summary>
    public static BackoffOptions CreateOnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(childProps, childName, minBackoff, maxBackoff, randomFactor, onFailure: true);

    /// <summary>Restart the child whenever it stops, failure or not.</summary>
    public static BackoffOptions CreateOnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        new(childProps, childName, minBackoff, maxBackoff, randomFactor, onFailure: false);

    public Props ChildProps { get; }
    public string ChildName { get; }
    public TimeSpan MinBackoff { get; }
    public TimeSpan MaxBackoff { get; }
    public double RandomFactor { get; }
    public bool RestartOnFailureOnly { get; }

    /// <summary>The restart count goes back to zero once the child has run this long (default: MinBackoff).</summary>
    public TimeSpan ResetBackoffAfter { get; init; }

    /// <summary>Gives up (and stops) after this many restarts in a row; -1 = never.</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    /// <summary>Decides which failures are restarted with backoff (Restart) and which are not (Stop, Escalate, Resume).</summary>
    public IDecider Decider { get; init; } = SupervisorStrategy.DefaultDecider;

    public BackoffOptions WithAutoReset(TimeSpan resetBackoffAfter) => this with { ResetBackoffAfter = resetBackoffAfter };
    public BackoffOptions WithMaxNrOfRetries(int maxNrOfRetries) => this with { MaxNrOfRetries = maxNrOfRetries };
    public BackoffOptions WithDecider(IDecider decider) => this with { Decider = decider };

    /// <summary>The delay before restart number <paramref name="restartCount"/> + 1.</summary>
    public TimeSpan CalculateDelay(int restartCount)
    {
        var rnd = 1.0 + Random.Shared.NextDouble() * RandomFactor;
        if (restartCount >= 30) return MaxBackoff;
        var ticks = Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, restartCount)) * rnd;
        return TimeSpan.FromTicks((long)Math.Min(ticks, MaxBackoff.Ticks * (1 + RandomFactor)));
    }
}
