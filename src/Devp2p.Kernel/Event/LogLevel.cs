namespace Devp2p.Kernel.Event;

/// <summary>Akka's log levels. HOCON <c>devp2p.kernel.loglevel</c>: DEBUG, INFO, WARNING, ERROR, OFF.</summary>
public enum LogLevel
{
    DebugLevel = 0,
    InfoLevel = 1,
    WarningLevel = 2,
    ErrorLevel = 3,
    OffLevel = 4,
}

public static class LogLevelNames
{
    /// <summary>Parses Akka's names (case-insensitive): DEBUG, INFO, WARNING (or WARN), ERROR, OFF.</summary>
    public static LogLevel Parse(string name) => name.Trim().ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.DebugLevel,
        "INFO" => LogLevel.InfoLevel,
        "WARNING" or "WARN" => LogLevel.WarningLevel,
        "ERROR" => LogLevel.ErrorLevel,
        "OFF" => LogLevel.OffLevel,
        _ => throw new ArgumentException($"Unknown log level [{name}]; expected DEBUG, INFO, WARNING, ERROR or OFF.", nameof(name)),
    };
}
