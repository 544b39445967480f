using Devp2p.Kernel.Event;
using Devp2p.Kernel.TestKit;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using SerilogEvent = Serilog.Events.LogEvent;

namespace Devp2p.Kernel.Tests.Logging
{
    /// <summary>Levels per category, context properties and rate-limited warnings, seen on a captured Serilog sink.</summary>
    public sealed class CategoryLoggingSpec() : TestKit.TestKit(new TestKitSettings
    {
        UseVirtualTime = true,
        SystemSettings = ActorSystemSettings.Default with
        {
            LogLevel = Event.LogLevel.InfoLevel,
            CategoryLevels = new LogLevelMap(new Dictionary<string, Event.LogLevel> { ["Devp2p.Kernel.Tests.Logging.Loud"] = Event.LogLevel.DebugLevel }),
            Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Captured).CreateLogger(),
            RepeatedWarningsLimit = 2,
        },
    })
    {
        // One sink per class instance would be nicer, but the base constructor needs it first: filter by ActorPath instead.
        private static readonly Collect Captured = new();

        private sealed class Collect : ILogEventSink
        {
            private readonly List<SerilogEvent> _events = [];

            public void Emit(SerilogEvent logEvent)
            {
                lock (_events) _events.Add(logEvent);
            }

            public SerilogEvent[] From(string actorName)
            {
                lock (_events)
                    return _events.Where(e => e.Properties.TryGetValue("ActorPath", out var p) && p.ToString().Contains("/" + actorName + "\"", StringComparison.Ordinal)).ToArray();
            }
        }

        private List<SerilogEvent> Await(string actorName, int count)
        {
            AwaitCondition(() => Captured.From(actorName).Length >= count);
            return [.. Captured.From(actorName)];
        }

        [Fact]
        public void A_category_override_turns_one_namespace_to_debug_and_leaves_the_rest_at_the_default()
        {
            var loud = Sys.ActorOf(Props.Create<Loud.Talker>(), "loud-talker");
            var quiet = Sys.ActorOf(Props.Create<Quiet.Talker>(), "quiet-talker");
            loud.Tell("go");
            quiet.Tell("go");
            var loudEvents = Await("loud-talker", 2);
            var quietEvents = Await("quiet-talker", 1);
            Assert.Contains(loudEvents, e => e.Level == LogEventLevel.Debug);
            Assert.DoesNotContain(quietEvents, e => e.Level == LogEventLevel.Debug);
            Assert.Contains(quietEvents, e => e.Level == LogEventLevel.Information);
            Assert.Equal("\"Devp2p.Kernel.Tests.Logging.Loud.Talker\"", loudEvents[0].Properties["SourceContext"].ToString());
        }

        [Fact]
        public void ForContext_properties_are_structured_on_the_Serilog_event_and_on_the_published_LogEvent()
        {
            var probe = CreateTestProbe();
            Sys.EventStream.Subscribe(probe.Ref, typeof(Event.Info));
            var actor = Sys.ActorOf(Props.Create<Quiet.Talker>(), "context-talker");
            actor.Tell(42);
            var e = Assert.Single(Await("context-talker", 1));
            Assert.Equal(new ScalarValue("0123abcd"), e.Properties["NodeId"]);
            Assert.Equal(new ScalarValue(42), e.Properties["Count"]);
            var published = (Event.Info)probe.FishForMessage(m => m is Event.Info i && i.LogSource.Contains("context-talker", StringComparison.Ordinal));
            Assert.Equal("0123abcd", published.Properties["NodeId"]);
        }

        [Fact]
        public void Repeated_warnings_about_one_key_are_limited_and_the_held_back_count_is_logged_after_the_window()
        {
            var actor = Sys.ActorOf(Props.Create<Quiet.Talker>(), "limited-talker");
            for (int i = 0; i < 5; i++) actor.Tell(new Quiet.Complain("peer-1"));
            actor.Tell(new Quiet.Complain("peer-2"));
            var first = Await("limited-talker", 3);
            Assert.Equal(2, first.Count(e => e.RenderMessage().Contains("peer-1", StringComparison.Ordinal)));
            Assert.Single(first, e => e.RenderMessage().Contains("peer-2", StringComparison.Ordinal));

            VirtualScheduler!.Advance(Sys.RepeatedWarnings.Interval);
            actor.Tell(new Quiet.Complain("peer-1"));
            var after = Await("limited-talker", 5).Skip(3).ToList();
            Assert.Equal(new ScalarValue(3), after[0].Properties["Suppressed"]);
            Assert.Equal(LogEventLevel.Warning, after[0].Level);
            Assert.Contains("peer-1", after[1].RenderMessage(), StringComparison.Ordinal);
        }
    }
}

namespace Devp2p.Kernel.Tests.Logging.Loud
{
    internal sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            var log = Context.GetLogger();
            Receive<string>(_ =>
            {
                log.Debug("debug from loud");
                log.Info("info from loud");
            });
        }
    }
}

namespace Devp2p.Kernel.Tests.Logging.Quiet
{
    internal sealed record Complain(string Peer);

    internal sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            var log = Context.GetLogger();
            Receive<string>(_ =>
            {
                log.Debug("debug from quiet");
                log.Info("info from quiet");
            });
            Receive<int>(n => log.ForContext("NodeId", "0123abcd").Info("counted {Count}", n));
            Receive<Complain>(c => log.LogLimited(Context.System.RepeatedWarnings, c.Peer, Context.System.Scheduler.MonotonicClock,
                Event.LogLevel.WarningLevel, "bad peer {Peer}", c.Peer));
        }
    }
}
