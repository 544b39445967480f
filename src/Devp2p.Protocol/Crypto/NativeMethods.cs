using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Devp2p.Protocol.Crypto;

/// <summary>
/// libsecp256k1 bound once per process: the library is located with <see cref="NativeLibrary"/>
/// (trying the Debian soname first), every entry point is resolved up front into an unmanaged
/// function pointer — so a library built without the ecdh or recovery module fails at load with
/// the symbol's name, not later — and one context is created, randomized and given an illegal-argument
/// callback that records the message instead of calling abort(). (The error callback, for internal
/// consistency failures, keeps its default abort: continuing after one is unsafe.) After that the context
/// is only read, which libsecp256k1 allows from any number of threads.
/// </summary>
internal sealed unsafe class NativeMethods
{
    /// <summary>Debian package that ships the library, named in load errors.</summary>
    public const string DebianPackage = "libsecp256k1-1";

    /// <summary>Names tried in order; the first is Debian's soname (v0.2.0, with ecdh and recovery).</summary>
    public static readonly string[] LibraryNames = ["libsecp256k1.so.1", "libsecp256k1.so.2", "libsecp256k1.so", "libsecp256k1"];

    public const uint ContextSignVerify = 0x0301;   // SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY
    public const uint EcCompressed = 0x0102;        // SECP256K1_EC_COMPRESSED
    public const uint EcUncompressed = 0x0002;      // SECP256K1_EC_UNCOMPRESSED

    private static readonly Lazy<NativeMethods> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    [ThreadStatic]
    private static string? _lastCallbackMessage;

    /// <summary>The loaded library; throws <see cref="DllNotFoundException"/> or <see cref="EntryPointNotFoundException"/>.</summary>
    public static NativeMethods Instance => Shared.Value;

    public string LibraryName { get; }
    public nint Context { get; }

    public readonly delegate* unmanaged[Cdecl]<uint, nint> ContextCreate;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, int> ContextRandomize;
    public readonly delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, void> SetIllegalCallback;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, int> SeckeyVerify;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> PubkeyCreate;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int> PubkeyParse;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int> PubkeySerialize;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, delegate* unmanaged[Cdecl]<byte*, byte*, byte*, void*, int>, void*, int> Ecdh;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, void*, void*, int> SignRecoverable;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, int*, byte*, int> RecoverableSerializeCompact;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, int> RecoverableParseCompact;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int> Recover;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> SignatureParseCompact;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int> Verify;

    /// <summary>ECDH hash callback that copies the shared point's x-coordinate: devp2p's convention.</summary>
    public static delegate* unmanaged[Cdecl]<byte*, byte*, byte*, void*, int> CopyXHash => &CopyX;

    private NativeMethods(string libraryName, nint handle)
    {
        LibraryName = libraryName;
        ContextCreate = (delegate* unmanaged[Cdecl]<uint, nint>)Export(handle, "secp256k1_context_create");
        ContextRandomize = (delegate* unmanaged[Cdecl]<nint, byte*, int>)Export(handle, "secp256k1_context_randomize");
        SetIllegalCallback = (delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, void>)Export(handle, "secp256k1_context_set_illegal_callback");
        SeckeyVerify = (delegate* unmanaged[Cdecl]<nint, byte*, int>)Export(handle, "secp256k1_ec_seckey_verify");
        PubkeyCreate = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)Export(handle, "secp256k1_ec_pubkey_create");
        PubkeyParse = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int>)Export(handle, "secp256k1_ec_pubkey_parse");
        PubkeySerialize = (delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int>)Export(handle, "secp256k1_ec_pubkey_serialize");
        Ecdh = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, delegate* unmanaged[Cdecl]<byte*, byte*, byte*, void*, int>, void*, int>)Export(handle, "secp256k1_ecdh");
        SignRecoverable = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, void*, void*, int>)Export(handle, "secp256k1_ecdsa_sign_recoverable");
        RecoverableSerializeCompact = (delegate* unmanaged[Cdecl]<nint, byte*, int*, byte*, int>)Export(handle, "secp256k1_ecdsa_recoverable_signature_serialize_compact");
        RecoverableParseCompact = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, int>)Export(handle, "secp256k1_ecdsa_recoverable_signature_parse_compact");
        Recover = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int>)Export(handle, "secp256k1_ecdsa_recover");
        SignatureParseCompact = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)Export(handle, "secp256k1_ecdsa_signature_parse_compact");
        Verify = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int>)Export(handle, "secp256k1_ecdsa_verify");

        Context = ContextCreate(ContextSignVerify);
        if (Context == 0)
            throw new DllNotFoundException($"{libraryName}: secp256k1_context_create returned NULL");
        SetIllegalCallback(Context, &OnCallback, null);

        byte* seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(new Span<byte>(seed, 32));
        if (ContextRandomize(Context, seed) != 1)
            throw new DllNotFoundException($"{libraryName}: secp256k1_context_randomize failed");
        new Span<byte>(seed, 32).Clear();
    }

    /// <summary>Environment variable naming the library file (or path) to load instead of the usual names.</summary>
    public const string LibraryVariable = "DEVP2P_SECP256K1_LIBRARY";

    private static NativeMethods Load()
    {
        var overridden = Environment.GetEnvironmentVariable(LibraryVariable);
        string[] names = string.IsNullOrWhiteSpace(overridden) ? LibraryNames : [overridden.Trim()];
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, typeof(NativeMethods).Assembly, null, out var handle))
                return new NativeMethods(name, handle);
        }
        throw new DllNotFoundException(
            $"libsecp256k1 could not be loaded (tried {string.Join(", ", names)}); " +
            $"install the Debian package {DebianPackage} (apt-get install {DebianPackage}) or select the managed backend " +
            $"with {Secp256k1.EnvironmentVariable}=managed");
    }

    private static nint Export(nint handle, string symbol)
    {
        if (NativeLibrary.TryGetExport(handle, symbol, out var address))
            return address;
        throw new EntryPointNotFoundException(
            $"the loaded libsecp256k1 lacks {symbol}; a build with the ecdh and recovery modules is required " +
            $"(Debian's {DebianPackage} has them)");
    }

    /// <summary>Returns and clears the message libsecp256k1 reported on this thread, if any.</summary>
    public static string? TakeCallbackMessage()
    {
        var message = _lastCallbackMessage;
        _lastCallbackMessage = null;
        return message;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCallback(byte* message, void* data)
    {
        _lastCallbackMessage = Marshal.PtrToStringUTF8((nint)message) ?? "(no message)";
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CopyX(byte* output, byte* x32, byte* y32, void* data)
    {
        Buffer.MemoryCopy(x32, output, 32, 32);
        return 1;
    }
}
