using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands;

/// <summary>
/// <c>devp2p key</c>: make a node key and show the enode URL it implies — the first two things
/// anyone setting up a node or a test network needs.
/// </summary>
internal static class KeyCommand
{
    public static Command Create(CliOutput io)
    {
        var key = new Command("key", "Node keys (secp256k1 private keys as 64 hex digits)");
        key.Subcommands.Add(CreateGenerate(io));
        key.Subcommands.Add(CreateToEnode(io));
        return key;
    }

    private static Command CreateGenerate(CliOutput io)
    {
        var outFile = new Option<FileInfo?>("--out", "-o") { Description = "Write the key to FILE (mode 0600, trailing newline) instead of printing it" };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE if it exists" };
        var command = new Command("generate", "Generate a new random private key and print it as 64 hex digits");
        command.Options.Add(outFile);
        command.Options.Add(force);
        command.SetAction(parse =>
        {
            var hex = PrivateKeyInput.ToHex(Secp256k1.GeneratePrivateKey());
            var file = parse.GetValue(outFile);
            if (file is null)
                io.Out.WriteLine(hex);
            else
                WriteKeyFile(file.FullName, hex, parse.GetValue(force));
            return 0;
        });
        return command;
    }

    private static Command CreateToEnode(CliOutput io)
    {
        var hexOption = new Option<string?>("--hex") { Description = "The private key as 64 hex digits" };
        var fileArgument = new Argument<FileInfo?>("FILE")
        {
            Description = "A file holding the private key as hex (surrounding whitespace ignored)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var ipOption = new Option<string>("--ip") { Description = "IP address of the node (IPv4 or IPv6)", DefaultValueFactory = _ => "127.0.0.1" };
        var tcpOption = PortOption.Create("--tcp", "TCP (RLPx) port", 30303);
        var udpOption = PortOption.CreateOptional("--udp", "UDP (discovery) port [default: the TCP port]");

        var command = new Command("to-enode", "Print the enode URL of a private key: enode://<public key>@<ip>:<tcp>[?discport=<udp>]");
        command.Arguments.Add(fileArgument);
        command.Options.Add(hexOption);
        command.Options.Add(ipOption);
        command.Options.Add(tcpOption);
        command.Options.Add(udpOption);
        command.SetAction(parse =>
        {
            var hex = parse.GetValue(hexOption);
            var file = parse.GetValue(fileArgument);
            byte[] privateKey = (hex, file) switch
            {
                (not null, not null) => throw new CliException("give the key either with --hex or as FILE, not both"),
                (not null, null) => PrivateKeyInput.FromHex(hex, "--hex"),
                (null, not null) => PrivateKeyInput.FromFile(file.FullName),
                _ => throw new CliException("no key given: pass --hex HEX or a key FILE"),
            };
            var ip = ParseIp(parse.GetValue(ipOption)!);
            int tcp = parse.GetValue(tcpOption);
            int udp = parse.GetValue(udpOption) ?? tcp;
            var id = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(privateKey));
            io.Out.WriteLine(new EnodeUrl(id, ip, tcp, udp).ToString());
            return 0;
        });
        return command;
    }

    private static IPAddress ParseIp(string text)
    {
        var trimmed = text.Trim('[', ']');
        if (!IPAddress.TryParse(trimmed, out var ip)
            || (ip.AddressFamily == AddressFamily.InterNetwork && trimmed.Count(c => c == '.') != 3)
            || (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId != 0))
            throw new CliException($"--ip: \"{text}\" is not an IPv4 or IPv6 address (host names are not resolved)");
        return ip;
    }

    private static void WriteKeyFile(string path, string hex, bool force)
    {
        var options = new FileStreamOptions
        {
            Mode = force ? FileMode.Create : FileMode.CreateNew,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(hex + "\n");
        }
        catch (IOException) when (!force && File.Exists(path))
        {
            throw new CliException($"{path} already exists; pass --force to overwrite it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {path}: {e.Message}");
        }
    }
}
