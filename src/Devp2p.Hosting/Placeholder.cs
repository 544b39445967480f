namespace Devp2p.Hosting;

internal static class Placeholder { }
