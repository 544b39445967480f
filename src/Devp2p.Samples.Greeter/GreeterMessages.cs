using Devp2p.Protocol.Enode;

namespace Devp2p.Samples.Greeter;

/// <summary>
/// Asks a peer's greet/1 actor to send <c>Greet(Name)</c>. Deliver it with the server's
/// <c>SendToPeer(peer, "greet", new SayHello(name))</c>; the asker gets the <see cref="Greeting"/>.
/// </summary>
public sealed record SayHello(string Name);

/// <summary>A peer's answer to our Greet. Also published on the EventStream.</summary>
public sealed record Greeting(NodeId Peer, string Text);
