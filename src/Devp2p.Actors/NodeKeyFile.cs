using System.Security.Cryptography;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Actors;

/// <summary>
/// The node key kept in <c>&lt;datadir&gt;/nodekey</c> (64 hex digits, geth's format), so a restarted
/// node keeps its identity — the id other nodes' tables and our own node database know it by.
/// A missing file is created with a fresh key, written to a temporary file and renamed into place,
/// so a crash mid-write never leaves a half key; a file that is there but not a valid key is an
/// error rather than silently replaced (that would change the node's identity).
/// </summary>
public static class NodeKeyFile
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "nodekey";

    /// <summary>The key file's path for a data directory.</summary>
    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>Reads the key from <paramref name="dataDir"/>, creating the directory and a fresh key when there is none.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold a valid secp256k1 private key.</exception>
    public static byte[] LoadOrCreate(string dataDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        var path = PathIn(dataDir);
        if (File.Exists(path))
            return Load(path);
        Directory.CreateDirectory(dataDir);
        var key = Secp256k1.GeneratePrivateKey();
        var temp = path + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temp, options))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(PrivateKeyHex.Format(key)));
            file.Flush(flushToDisk: true);
        }
        try
        {
            // No overwrite: when two starts race, the first key written wins and both use it.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return Load(path);
        }
        return key;
    }

    /// <summary>Reads a key file (64 hex digits, surrounding whitespace allowed).</summary>
    public static byte[] Load(string path) =>
        PrivateKeyHex.TryParse(File.ReadAllText(path), out var key, out var problem)
            ? key
            : throw new InvalidDataException($"node key file {path}: {problem}");
}
