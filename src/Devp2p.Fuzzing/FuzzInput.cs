namespace Devp2p.Fuzzing;

/// <summary>
/// One case's input. <see cref="MustDecode"/> marks an unmutated valid encoding: rejecting it is
/// a failure too, which keeps a target honest (a decoder that rejects everything fails the pass).
/// </summary>
public readonly record struct FuzzInput(byte[] Bytes, bool MustDecode, string Origin);
