using Devp2p.Kernel.Event;
using Devp2p.Kernel.TestKit;
using Serilog;
using Serilog.Core;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class LoggingSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Chatty : ReceiveActor
    {
        public Chatty()
        {
            var log = Context.GetLogger();
            Receive<string>(s => log.Info("hello {Name}", s));
            Receive<Exception>(e => log.Error(e, "it broke: {Reason}", e.Message));
            Receive<int>(i => log.Debug("debug {Value}", i));
        }
    }

    [Fact]
    public void GetLogger_publishes_log_events_with_rendered_messages()
    {
        var a = Sys.ActorOf(Props.Create<Chatty>(), "chatty");
        EventFilter.Info("hello world").ExpectOne(() => a.Tell("world"));
        EventFilter.Error<InvalidOperationException>("it broke: bad").ExpectOne(() => a.Tell(new InvalidOperationException("bad")));
    }

    private sealed class Collect : ILogEventSink
    {
        public readonly List<Serilog.Events.LogEvent> Events = new();

        public void Emit(Serilog.Events.LogEvent logEvent)
        {
            lock (Events) Events.Add(logEvent);
        }
    }

    [Fact]
    public void Serilog_gets_the_actor_path_property_and_the_level_from_settings()
    {
        var sink = new Collect();
        var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        using var system = ActorSystem.Create("logging", new ActorSystemSettings { Logger = logger, LogLevel = LogLevel.InfoLevel });
        var a = system.ActorOf(Props.Create<Chatty>(), "chatty");
        a.Tell(1, null); // debug: filtered out by the level
        a.Tell("serilog", null);
        AwaitCondition(() => { lock (sink.Events) return sink.Events.Any(e => e.MessageTemplate.Text == "hello {Name}"); });
        lock (sink.Events)
        {
            var e = sink.Events.Single(e => e.MessageTemplate.Text == "hello {Name}");
            Assert.Equal("\"akka://logging/user/chatty\"", e.Properties["ActorPath"].ToString());
            Assert.Equal("\"serilog\"", e.Properties["Name"].ToString());
            Assert.DoesNotContain(sink.Events, x => x.MessageTemplate.Text.StartsWith("debug", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Failures_are_logged_with_their_exception()
    {
        var a = Sys.ActorOf(Props.Create(() => new Thrower()));
        EventFilter.Error<ArgumentException>("kaboom").ExpectOne(() => a.Tell("go"));
    }

    private sealed class Thrower : ReceiveActor
    {
        public Thrower() => Receive<string>(_ => throw new ArgumentException("kaboom"));
    }

    [Fact]
    public void LogLevel_names_parse_like_Akka()
    {
        Assert.Equal(LogLevel.DebugLevel, LogLevelNames.Parse("DEBUG"));
        Assert.Equal(LogLevel.WarningLevel, LogLevelNames.Parse("warning"));
        Assert.Equal(LogLevel.OffLevel, LogLevelNames.Parse("off"));
        Assert.Throws<ArgumentException>(() => LogLevelNames.Parse("loud"));
    }
}
