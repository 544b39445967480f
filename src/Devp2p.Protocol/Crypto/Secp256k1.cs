using System.Security.Cryptography;

namespace Devp2p.Protocol.Crypto;

/// <summary>
/// The process-wide secp256k1 backend, chosen once on first use: libsecp256k1 when it loads,
/// else the managed BouncyCastle fallback. <c>DEVP2P_SECP256K1=native|managed</c> forces one
/// (native forced but missing fails loudly instead of silently slowing down). Devp2p.Protocol has
/// no logging of its own, so the choice is described by <see cref="SelectionMessage"/>, which the
/// host logs once at start-up.
/// </summary>
public static class Secp256k1
{
    /// <summary>The environment variable that forces a backend: "native" or "managed".</summary>
    public const string EnvironmentVariable = "DEVP2P_SECP256K1";

    public const int PrivateKeyLength = 32;
    public const int SharedSecretLength = 32;
    public const int HashLength = 32;
    /// <summary>r ‖ s ‖ v with v the recovery id 0..3.</summary>
    public const int SignatureLength = 65;

    private static readonly Lazy<(ISecp256k1 Backend, string Message)> Selected =
        new(() => Select(Environment.GetEnvironmentVariable(EnvironmentVariable), static () => new NativeSecp256k1()));

    /// <summary>
    /// The chosen backend. Throws <see cref="DllNotFoundException"/> when native is forced and libsecp256k1
    /// cannot be loaded, <see cref="InvalidOperationException"/> when the variable has another value.
    /// </summary>
    public static ISecp256k1 Default => Selected.Value.Backend;

    /// <summary>"native" or "managed": <see cref="ISecp256k1.Name"/> of <see cref="Default"/>.</summary>
    public static string BackendName => Default.Name;

    /// <summary>One line saying which backend was chosen and why, for the host to log.</summary>
    public static string SelectionMessage => Selected.Value.Message;

    /// <summary>A new backend by name ("native" or "managed"), e.g. to cross-check the two.</summary>
    public static ISecp256k1 Create(string name) => name switch
    {
        "native" => new NativeSecp256k1(),
        "managed" => new ManagedSecp256k1(),
        _ => throw new ArgumentException($"unknown secp256k1 backend '{name}'; expected 'native' or 'managed'", nameof(name)),
    };

    /// <summary>The selection rule, with the native constructor injectable for tests.</summary>
    internal static (ISecp256k1 Backend, string Message) Select(string? requested, Func<ISecp256k1> createNative)
    {
        switch (requested?.Trim().ToLowerInvariant())
        {
            case null or "":
                try
                {
                    var native = createNative();
                    return (native, $"secp256k1 backend: native ({Describe(native)}), chosen automatically");
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                {
                    return (new ManagedSecp256k1(),
                        $"secp256k1 backend: managed (BouncyCastle), chosen because libsecp256k1 is unavailable: {e.Message}");
                }
            case "native":
                try
                {
                    var native = createNative();
                    return (native, $"secp256k1 backend: native ({Describe(native)}), requested by {EnvironmentVariable}");
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                {
                    throw new DllNotFoundException(
                        $"{EnvironmentVariable}=native but libsecp256k1 cannot be used: {e.Message}", e);
                }
            case "managed":
                return (new ManagedSecp256k1(), $"secp256k1 backend: managed (BouncyCastle), requested by {EnvironmentVariable}");
            default:
                throw new InvalidOperationException(
                    $"{EnvironmentVariable}='{requested}' is not a secp256k1 backend; use 'native', 'managed', or leave it unset to choose automatically");
        }
    }

    private static string Describe(ISecp256k1 native) =>
        native is NativeSecp256k1 n ? n.LibraryName : native.GetType().Name;

    /// <summary>
    /// Fills <paramref name="privateKey"/> (32 bytes) with a uniformly random valid key, drawing
    /// again in the (2⁻¹²⁸-likely) case of zero or a value not below n.
    /// </summary>
    public static void GeneratePrivateKey(Span<byte> privateKey, RandomNumberGenerator? random = null)
    {
        if (privateKey.Length != PrivateKeyLength)
            throw new ArgumentException($"private key output must be {PrivateKeyLength} bytes, got {privateKey.Length}", nameof(privateKey));
        do
        {
            if (random is null)
                RandomNumberGenerator.Fill(privateKey);
            else
                random.GetBytes(privateKey);
        }
        while (!Secp256k1Input.IsScalarInRange(privateKey));
    }

    /// <summary>A new random private key; see <see cref="GeneratePrivateKey(Span{byte}, RandomNumberGenerator?)"/>.</summary>
    public static byte[] GeneratePrivateKey(RandomNumberGenerator? random = null)
    {
        var key = new byte[PrivateKeyLength];
        GeneratePrivateKey(key, random);
        return key;
    }
}
