using Devp2p.Actors;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.Configuration;

namespace Devp2p.Hosting;

/// <summary>What <see cref="Devp2pOptions"/> resolves to when the host starts: the merged config and the settings read from it.</summary>
internal sealed record Devp2pStartup(Config Config, ActorSystemSettings System, ServerSettings Server, ServerComponents Components);
