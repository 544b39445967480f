using System.Reflection;
using Devp2p.Protocol.Crypto;
using Xunit.Sdk;

namespace Devp2p.Protocol.Tests.Crypto;

/// <summary>
/// Whether native-backend tests run. They run when libsecp256k1 loads; when it does not they are
/// skipped with the reason — unless DEVP2P_SECP256K1=native, in which case they run and fail,
/// so a CI that asks for the native backend cannot pass without it. Decided at discovery time,
/// as xunit 2 has no dynamic skip.
/// </summary>
internal static class Backends
{
    private static readonly Lazy<string?> UnavailableReason = new(() =>
    {
        try
        {
            _ = new NativeSecp256k1();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return e.Message;
        }
    });

    public static bool NativeRequested =>
        string.Equals(Environment.GetEnvironmentVariable(Secp256k1.EnvironmentVariable)?.Trim(), "native", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason for native tests, or null when they must run.</summary>
    public static string? NativeSkipReason =>
        NativeRequested || UnavailableReason.Value is null
            ? null
            : $"libsecp256k1 not available ({UnavailableReason.Value}); set {Secp256k1.EnvironmentVariable}=native to make this a failure";

    public static ISecp256k1 Get(string name) => Secp256k1.Create(name);
}

/// <summary>Supplies the row "managed" to a backend theory.</summary>
public sealed class ManagedBackendAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["managed"]];
}

/// <summary>Supplies the row "native" to a backend theory, skipped as <see cref="Backends"/> says.</summary>
public sealed class NativeBackendAttribute : DataAttribute
{
    public NativeBackendAttribute() => Skip = Backends.NativeSkipReason!;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["native"]];
}

/// <summary>A fact that needs libsecp256k1, skipped as <see cref="Backends"/> says.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute() => Skip = Backends.NativeSkipReason!;
}
