namespace Devp2p.Fuzzing;

/// <summary>Thrown by a target when a decoded value breaks a property (a round trip, an agreement between two decoders).</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);
