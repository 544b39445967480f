namespace Devp2p.Protocol.Crypto;

/// <summary>
/// secp256k1 through libsecp256k1 (the C library Bitcoin Core and go-ethereum use): constant-time,
/// and several times faster than the managed fallback. Every input is checked in managed code
/// first (<see cref="Secp256k1Input"/>), so the library only sees arguments it accepts; should it
/// still reject one, its illegal-argument callback records the reason and a
/// <see cref="CryptoException"/> is thrown instead of the process aborting.
/// </summary>
public sealed unsafe class NativeSecp256k1 : ISecp256k1
{
    private const int OpaqueSize = 64;          // secp256k1_pubkey / secp256k1_ecdsa_signature
    private const int RecoverableSize = 65;     // secp256k1_ecdsa_recoverable_signature

    private readonly NativeMethods _lib;
    private readonly nint _ctx;

    /// <summary>
    /// Binds to the process-wide libsecp256k1 context, loading the library on first use.
    /// Throws <see cref="DllNotFoundException"/> naming the library and the Debian package when it is missing.
    /// </summary>
    public NativeSecp256k1()
    {
        _lib = NativeMethods.Instance;
        _ctx = _lib.Context;
    }

    public string Name => "native";

    /// <summary>The file name the library was loaded by, e.g. libsecp256k1.so.1.</summary>
    public string LibraryName => _lib.LibraryName;

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Secp256k1Input.ScalarLength)
            return false;
        fixed (byte* key = privateKey)
            return _lib.SeckeyVerify(_ctx, key) == 1;
    }

    public void CreatePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        var format = Secp256k1Input.OutputFormat(publicKey.Length, nameof(publicKey));
        Secp256k1Input.CheckPrivateKey(privateKey);
        byte* pubkey = stackalloc byte[OpaqueSize];
        fixed (byte* key = privateKey)
            Check(_lib.PubkeyCreate(_ctx, pubkey, key), "secp256k1_ec_pubkey_create");
        Serialize(pubkey, publicKey, format);
    }

    public bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        try
        {
            byte* pubkey = stackalloc byte[OpaqueSize];
            return TryParse(publicKey, pubkey);
        }
        catch (CryptoException)
        {
            return false;
        }
    }

    public void ConvertPublicKey(ReadOnlySpan<byte> publicKey, Span<byte> output)
    {
        var format = Secp256k1Input.OutputFormat(output.Length, nameof(output));
        byte* pubkey = stackalloc byte[OpaqueSize];
        Parse(publicKey, pubkey);
        Serialize(pubkey, output, format);
    }

    public void Ecdh(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey, Span<byte> sharedX)
    {
        Secp256k1Input.CheckSharedSecretOutput(sharedX);
        Secp256k1Input.CheckPrivateKey(privateKey);
        byte* pubkey = stackalloc byte[OpaqueSize];
        Parse(publicKey, pubkey);
        fixed (byte* key = privateKey)
        fixed (byte* output = sharedX)
            Check(_lib.Ecdh(_ctx, output, pubkey, key, NativeMethods.CopyXHash, null), "secp256k1_ecdh");
    }

    public void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> hash, Span<byte> signature)
    {
        Secp256k1Input.CheckSignatureOutput(signature);
        Secp256k1Input.CheckPrivateKey(privateKey);
        Secp256k1Input.CheckHash(hash);
        byte* sig = stackalloc byte[RecoverableSize];
        int recoveryId;
        fixed (byte* key = privateKey)
        fixed (byte* msg = hash)
        {
            // NULL nonce function = secp256k1_nonce_function_default, i.e. RFC 6979 with HMAC-SHA256.
            Check(_lib.SignRecoverable(_ctx, sig, msg, key, null, null), "secp256k1_ecdsa_sign_recoverable");
        }
        fixed (byte* output = signature)
            Check(_lib.RecoverableSerializeCompact(_ctx, output, &recoveryId, sig), "secp256k1_ecdsa_recoverable_signature_serialize_compact");
        signature[64] = (byte)recoveryId;
    }

    public void RecoverPublicKey(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> hash, Span<byte> publicKey)
    {
        var format = Secp256k1Input.OutputFormat(publicKey.Length, nameof(publicKey));
        Secp256k1Input.CheckRecoverableSignature(signature);
        Secp256k1Input.CheckHash(hash);
        byte* sig = stackalloc byte[RecoverableSize];
        byte* pubkey = stackalloc byte[OpaqueSize];
        fixed (byte* input = signature)
        fixed (byte* msg = hash)
        {
            Check(_lib.RecoverableParseCompact(_ctx, sig, input, input[64]), "secp256k1_ecdsa_recoverable_signature_parse_compact");
            if (_lib.Recover(_ctx, pubkey, sig, msg) != 1)
            {
                ThrowIfCallback("secp256k1_ecdsa_recover");
                throw Secp256k1Input.NotRecoverable();
            }
        }
        Serialize(pubkey, publicKey, format);
    }

    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> publicKey)
    {
        Secp256k1Input.CheckHash(hash);
        byte* pubkey = stackalloc byte[OpaqueSize];
        Parse(publicKey, pubkey);
        if (!Secp256k1Input.TryGetVerifiableRs(signature, out var rs))
            return false;
        byte* sig = stackalloc byte[OpaqueSize];
        fixed (byte* input = rs)
        fixed (byte* msg = hash)
        {
            if (_lib.SignatureParseCompact(_ctx, sig, input) != 1)
                return false;
            return _lib.Verify(_ctx, sig, msg, pubkey) == 1;
        }
    }

    private void Parse(ReadOnlySpan<byte> publicKey, byte* pubkey)
    {
        if (!TryParse(publicKey, pubkey))
            throw Secp256k1Input.NotOnCurve();
    }

    private bool TryParse(ReadOnlySpan<byte> publicKey, byte* pubkey)
    {
        Span<byte> buffer = stackalloc byte[65];
        var sec1 = Secp256k1Input.ToSec1(publicKey, buffer);
        fixed (byte* input = sec1)
        {
            if (_lib.PubkeyParse(_ctx, pubkey, input, (nuint)sec1.Length) == 1)
                return true;
        }
        ThrowIfCallback("secp256k1_ec_pubkey_parse");
        return false;
    }

    private void Serialize(byte* pubkey, Span<byte> output, PublicKeyFormat format)
    {
        byte* buffer = stackalloc byte[65];
        nuint length = 65;
        uint flags = format == PublicKeyFormat.Compressed ? NativeMethods.EcCompressed : NativeMethods.EcUncompressed;
        Check(_lib.PubkeySerialize(_ctx, buffer, &length, pubkey, flags), "secp256k1_ec_pubkey_serialize");
        var encoded = new ReadOnlySpan<byte>(buffer, (int)length);
        (format == PublicKeyFormat.Raw64 ? encoded[1..] : encoded).CopyTo(output);
    }

    private static void Check(int result, string function)
    {
        if (result == 1)
            return;
        ThrowIfCallback(function);
        throw new CryptoException($"{function} failed");
    }

    private static void ThrowIfCallback(string function)
    {
        if (NativeMethods.TakeCallbackMessage() is { } message)
            throw new CryptoException($"libsecp256k1 rejected an argument in {function}: {message}");
    }
}
