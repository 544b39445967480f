namespace Devp2p.Kernel;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; continue with the next message.</summary>
    Resume,
    /// <summary>Replace the instance with a new one from Props; keep the mailbox; drop the failing message.</summary>
    Restart,
    /// <summary>Stop the child.</summary>
    Stop,
    /// <summary>Fail the supervisor itself with the same exception.</summary>
    Escalate,
}

/// <summary>Maps an exception to a directive.</summary>
public interface IDecider
{
    Directive Decide(Exception cause);
}

/// <summary>Builds deciders, as Akka's <c>Decider.From(...)</c>.</summary>
public static class Decider
{
    public static IDecider From(Func<Exception, Directive> decide) => new FuncDecider(decide);

    /// <summary>A decider from (exception type → directive) pairs, checked in order with "is-a"; unmatched → <paramref name="fallback"/>.</summary>
    public static IDecider From(Directive fallback, params KeyValuePair<Type, Directive>[] pairs) =>
        new FuncDecider(e =>
        {
            foreach (var (type, directive) in pairs)
            {
                if (type.IsInstanceOfType(e)) return directive;
            }
            return fallback;
        });

    private sealed class FuncDecider(Func<Exception, Directive> decide) : IDecider
    {
        public Directive Decide(Exception cause) => decide(cause);
    }
}
