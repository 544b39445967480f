// The Greeter sample: a .NET generic host running a devp2p node with its own sub-protocol, greet/1.
// Walked through step by step in docs/extending.md. Run two and connect them:
//   dotnet run --project src/Devp2p.Samples.Greeter                      (prints its enode URL)
//   dotnet run --project src/Devp2p.Samples.Greeter -- --greeter:name=Bob --greeter:peers:0=enode://...
// Any engine setting can be given on the command line or in appsettings.json under "devp2p"
// (--devp2p:server:max-peers=5) or as DEVP2P_SERVER__MAX_PEERS=5 (docs/configuration.md).
using Devp2p.Hosting;
using Devp2p.Samples.Greeter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

var builder = Host.CreateApplicationBuilder(args);
var signature = builder.Configuration["greeter:name"] ?? "a Devp2p.Actors greeter";
builder.Services.AddDevp2p(builder.Configuration.GetSection("devp2p"), options => options
    .UseHocon("""devp2p.server { listen = "127.0.0.1:0", no-discovery = on, client-id = "greeter/1.0" }""", "greeter defaults")
    .UseEphemeralKey()
    .AddProtocol(GreeterProtocol.Registration(signature)));
builder.Services.AddHostedService<GreeterService>();
// Logs go to stderr, so stdout's first line is the enode URL (scripts read it).
builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
await builder.Build().RunAsync();
