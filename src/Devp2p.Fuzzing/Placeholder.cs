namespace Devp2p.Fuzzing;

internal static class Placeholder { }
