using Devp2p.Kernel.Configuration;
using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

public sealed partial record ActorSystemSettings
{
    /// <summary>
    /// Reads the <c>devp2p.kernel</c> section. <paramref name="config"/> is layered over the
    /// embedded reference.conf, so it needs to hold only what it changes; a bad value throws a
    /// <see cref="ConfigException"/> naming the key, the file and the line. Code-only settings
    /// (scheduler, logger, guardian strategy) keep their defaults: set them with <c>with { }</c>.
    /// </summary>
    public static ActorSystemSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var full = config.WithFallback(ReferenceConfig.Value);
        var kernel = full.GetConfig("devp2p.kernel");
        var logging = full.GetConfig("devp2p.logging");
        var askTimeout = kernel.GetTimeSpan("ask-timeout");
        ParseLogLevel(kernel, "loglevel"); // devp2p.logging.level defaults to it: a bad value is reported under its own key
        return new ActorSystemSettings
        {
            Throughput = Positive(kernel, "dispatcher.throughput"),
            LogLevel = ParseLogLevel(logging, "level"),
            CategoryLevels = LogLevelMap.FromConfig(logging.GetConfig("categories")),
            RepeatedWarningsLimit = Positive(logging, "repeated-warnings-limit"),
            RepeatedWarningsInterval = logging.GetTimeSpan("repeated-warnings-interval"),
            LogDeadLetters = kernel.GetBoolean("log-dead-letters"),
            DeadLetterLogLimit = Positive(kernel, "log-dead-letters-limit"),
            DeadLetterLogInterval = kernel.GetTimeSpan("log-dead-letters-interval"),
            LogDeadLettersDuringShutdown = kernel.GetBoolean("log-dead-letters-during-shutdown"),
            LogUnhandled = kernel.GetBoolean("debug.unhandled"),
            AskTimeout = askTimeout == Timeout.InfiniteTimeSpan ? null : askTimeout,
            ShutdownTimeout = kernel.GetTimeSpan("shutdown-timeout"),
        };
    }

    /// <summary>The embedded <c>hocon/reference.conf</c>: every setting with its default.</summary>
    public static Config Reference => ReferenceConfig.Value;

    private static readonly Lazy<Config> ReferenceConfig = new(LoadReference);

    private static Config LoadReference()
    {
        using var stream = typeof(ActorSystemSettings).Assembly.GetManifestResourceStream("reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in Devp2p.Kernel");
        using var reader = new StreamReader(stream);
        return ConfigFactory.ParseString(reader.ReadToEnd(), "reference.conf");
    }

    private static int Positive(Config config, string key)
    {
        int value = config.GetInt(key);
        if (value <= 0)
            throw Invalid(config, key, $"must be a positive integer, got {value}");
        return value;
    }

    private static LogLevel ParseLogLevel(Config config, string key)
    {
        var text = config.GetString(key);
        try
        {
            return LogLevelNames.Parse(text);
        }
        catch (ArgumentException)
        {
            throw Invalid(config, key, $"expected DEBUG, INFO, WARNING, ERROR or OFF but got \"{text}\"");
        }
    }

    private static ConfigException Invalid(Config config, string key, string problem)
    {
        var path = config.PathPrefix.Length == 0 ? key : config.PathPrefix + "." + key;
        var origin = config.Origin(key);
        return new ConfigException($"{path}: {problem} (at {origin})", path, origin);
    }
}
