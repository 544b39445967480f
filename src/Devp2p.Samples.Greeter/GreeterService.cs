using Devp2p.Actors.Events;
using Devp2p.Actors.Server;
using Devp2p.Hosting;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devp2p.Samples.Greeter;

/// <summary>
/// The sample's application logic, written against <see cref="IDevp2pNode"/> like any other service: it
/// prints the node's enode URL, dials the peers named in <c>greeter:peers</c>, and greets every peer that
/// joins and speaks greet/1, logging the answer.
/// </summary>
public sealed class GreeterService(IDevp2pNode node, IConfiguration configuration, ILogger<GreeterService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The hosted node starts before this service (it was registered first), so Info is ready.
        Console.WriteLine(node.Info.Enode);
        await using var events = node.SubscribeEvents();
        foreach (var url in configuration.GetSection("greeter:peers").GetChildren().Select(c => c.Value).OfType<string>())
        {
            if (EnodeUrl.TryParse(url, out var enode) && enode is not null)
                await node.AddPeerAsync(enode, stoppingToken);
            else
                log.LogError("greeter:peers: not an enode URL: {Url}", url);
        }
        var name = configuration["greeter:name"] ?? "world";
        try
        {
            await foreach (var e in events.ReadAllAsync(stoppingToken))
            {
                if (e is PeerAdded { Peer: var peer } && peer.Matched.Any(m => m.Name == GreeterProtocol.Name))
                    _ = GreetAsync(peer, name, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task GreetAsync(PeerInfo peer, string name, CancellationToken cancellationToken)
    {
        try
        {
            var greeting = await node.Server.Ask<Greeting>(
                new SendToPeer(peer.Id, GreeterProtocol.Name, new SayHello(name)), TimeSpan.FromSeconds(10), cancellationToken);
            log.LogInformation("{Peer} ({Client}) says: {Text}", peer.Id.ToShortString(), peer.ClientId, greeting.Text);
        }
        catch (Exception e) when (e is AskTimeoutException or InvalidOperationException or OperationCanceledException)
        {
            log.LogWarning("no greeting from {Peer}: {Problem}", peer.Id.ToShortString(), e.Message);
        }
    }
}
