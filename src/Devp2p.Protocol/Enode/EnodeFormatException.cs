namespace Devp2p.Protocol.Enode;

/// <summary>
/// An <c>enode://</c> URL that could not be parsed. <see cref="Part"/> names the piece that
/// was wrong (scheme, node id, host, port, discport) so command-line tools and config
/// loaders can point at it.
/// </summary>
public sealed class EnodeFormatException(string part, string message) : FormatException($"invalid enode URL: {part}: {message}")
{
    /// <summary>The part of the URL that was wrong.</summary>
    public string Part { get; } = part;
}
