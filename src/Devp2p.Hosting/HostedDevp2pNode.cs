using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Devp2p.Actors;
using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Devp2p.Hosting;

/// <summary>
/// The node's life inside an IHost: <see cref="StartAsync"/> builds the settings from
/// <see cref="Devp2pOptions"/>, starts the ActorSystem and the ServerActor (via <see cref="Devp2pNode"/>)
/// and registers the server in <see cref="IActorRegistry"/>; <see cref="StopAsync"/> is the graceful stop —
/// every peer is sent Disconnect(client quitting), then the system terminates. Stopping is idempotent: a
/// second call returns the first call's task. Registered as both <see cref="IDevp2pNode"/> and the hosted service.
/// </summary>
internal sealed class HostedDevp2pNode : IDevp2pNode, IHostedService, IAsyncDisposable
{
    private readonly Devp2pOptions _options;
    private readonly ActorRegistry _registry;
    private readonly ILogger _log;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ConcurrentDictionary<PeerEventSubscription, byte> _subscriptions = new();
    private readonly object _gate = new();
    private ActorSystem? _system;
    private Devp2pStartup? _startup;
    private Devp2pNode? _node;
    private Task? _stopping;
    private long _droppedEvents;

    public HostedDevp2pNode(Devp2pOptions options, ActorRegistry registry, ILoggerFactory? loggerFactory = null)
    {
        _options = options;
        _registry = registry;
        _loggerFactory = loggerFactory;
        _log = loggerFactory?.CreateLogger<HostedDevp2pNode>() ?? (ILogger)NullLogger.Instance;
    }

    public bool IsRunning => _node is not null && _stopping is null;

    public NodeInfo Info => Running.Info;

    public ActorSystem System => _system ?? throw NotStarted();

    public IActorRef Server => Running.Server;

    public IReadOnlyList<ProtocolRegistration> Protocols => _options.Protocols;

    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    private Devp2pNode Running => _node ?? throw NotStarted();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopping is not null)
                throw new InvalidOperationException("the devp2p node has been stopped; it cannot start again");
            if (_system is not null)
                throw new InvalidOperationException("the devp2p node is already started");
            var startup = _options.Build(_loggerFactory);
            _system = ActorSystem.Create(_options.SystemName, startup.System);
            _startup = startup;
        }
        try
        {
            _node = await Devp2pNode.StartAsync(_system, _startup!.Server, "server", _startup.Components, _options.StartTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            // Leave no actor system behind; the start's own exception is the one worth reporting.
            await _system.Terminate().WaitAsync(_options.StopTimeout, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
        _registry.TryRegister<ServerActor>(_node.Server, overwrite: true);
        _log.LogInformation("devp2p node started: {Enode}", _node.Info.Enode);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Task stopping;
        lock (_gate)
            stopping = _stopping ??= StopCoreAsync();
        return cancellationToken.CanBeCanceled ? WaitOrGiveUp(stopping, cancellationToken) : stopping;
    }

    private static async Task WaitOrGiveUp(Task stopping, CancellationToken cancellationToken)
    {
        try
        {
            await stopping.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout: the stop goes on in the background; the host must not hang.
        }
    }

    private async Task StopCoreAsync()
    {
        foreach (var subscription in _subscriptions.Keys)
            subscription.Complete();
        if (_node is { } node)
        {
            await node.StopAsync(_options.StopTimeout).ConfigureAwait(false);
            _log.LogInformation("devp2p node stopped: {Enode}", node.Info.Enode);
        }
        if (_system is { } system)
        {
            try
            {
                await system.Terminate().WaitAsync(_options.StopTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _log.LogWarning("devp2p actor system did not terminate within {Timeout}", _options.StopTimeout);
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    public Task<IReadOnlyList<PeerInfo>> GetPeersAsync(CancellationToken cancellationToken = default) =>
        Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, _options.RequestTimeout, cancellationToken);

    public Task AddPeerAsync(EnodeUrl node, CancellationToken cancellationToken = default) => Request(new AddPeer(node), cancellationToken);

    public Task RemovePeerAsync(NodeId node, CancellationToken cancellationToken = default) => Request(new RemovePeer(node), cancellationToken);

    public Task AddTrustedPeerAsync(EnodeUrl node, CancellationToken cancellationToken = default) => Request(new AddTrustedPeer(node), cancellationToken);

    public Task RemoveTrustedPeerAsync(NodeId node, CancellationToken cancellationToken = default) => Request(new RemoveTrustedPeer(node), cancellationToken);

    public PeerEventSubscription SubscribeEvents()
    {
        var system = System;
        var subscription = new PeerEventSubscription(_options.EventBufferCapacity, _ => Interlocked.Increment(ref _droppedEvents),
            ended => _subscriptions.TryRemove(ended, out _));
        // Under the gate: either the stop sees this subscription and ends it, or it has begun and we end it here.
        lock (_gate)
        {
            if (_stopping is null)
            {
                _subscriptions.TryAdd(subscription, 0);
                subscription.Attach(system);
            }
            else
            {
                subscription.Complete();
            }
        }
        return subscription;
    }

    public async IAsyncEnumerable<PeerEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscription = SubscribeEvents();
        try
        {
            await foreach (var e in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return e;
        }
        finally
        {
            subscription.Complete();
        }
    }

    private async Task Request(object request, CancellationToken cancellationToken)
    {
        // Each request is answered with Status.Success, or Status.Failure whose cause Ask rethrows.
        await Server.Ask<Status.Success>(request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static InvalidOperationException NotStarted() => new("the devp2p node has not started (start the host first)");
}
