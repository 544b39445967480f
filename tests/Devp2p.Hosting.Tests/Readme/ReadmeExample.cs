using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Hosting;
using Devp2p.Protocol.Enode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Devp2p.Hosting.Tests.Readme;

/// <summary>
/// README.md's embedding example, compiled: the lines between the markers must equal the README's
/// C# block (ReadmeExampleTests checks), so the README never shows code that does not build.
/// </summary>
internal static class ReadmeExample
{
    public static async Task RunAsync(string[] args)
    {
        // README begin
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddDevp2p(builder.Configuration.GetSection("devp2p"), devp2p => devp2p
            .UseHoconFile("node.conf")                  // DEVP2P_... variables and --devp2p:server:... override it
            .UsePrivateKeyFile("nodekey")
            .AddProtocol(EchoProtocol.Registration)     // or your own actor: docs/extending.md
            .Configure(s => s with { MaxPeers = 25 }));
        using var host = builder.Build();
        await host.StartAsync();

        var node = host.Services.GetRequiredService<IDevp2pNode>();
        Console.WriteLine(node.Info.Enode);
        await using var events = node.SubscribeEvents();
        await node.AddPeerAsync(EnodeUrl.Parse(args[0]));
        await foreach (var e in events.ReadAllAsync())
            Console.WriteLine(e is PeerAdded added ? $"+ {added.Peer.ClientId}" : e.ToString());
        // README end
    }
}
