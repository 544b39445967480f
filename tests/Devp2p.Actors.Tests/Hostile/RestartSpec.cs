using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.NodeDatabase;
using Devp2p.Actors.Tests.NodeDatabase;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// What survives a restart: the node key in &lt;datadir&gt;/nodekey (so the id others know stays), and
/// the table, seeded from the node database. Killing a writer mid-write is NodeDatabase/CrashSpecs.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class RestartSpec(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public void The_node_key_is_created_once_in_the_data_directory_and_reused()
    {
        using var dir = new TempDir();
        var dataDir = Path.Combine(dir.Path, "node");

        var first = NodeKeyFile.LoadOrCreate(dataDir);
        var again = NodeKeyFile.LoadOrCreate(dataDir);

        Assert.Equal(first, again);
        Assert.True(Secp256k1.Default.IsValidPrivateKey(first));
        var text = File.ReadAllText(NodeKeyFile.PathIn(dataDir));
        Assert.Equal(Convert.ToHexStringLower(first), text); // geth's format: 64 hex digits
        Assert.Equal([NodeKeyFile.FileName], Directory.GetFiles(dataDir).Select(Path.GetFileName)); // no temporary file left
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(NodeKeyFile.PathIn(dataDir)));
    }

    [Fact]
    public void A_damaged_key_file_is_an_error_not_a_new_identity()
    {
        using var dir = new TempDir();
        var path = NodeKeyFile.PathIn(dir.Path);
        foreach (var bad in new[] { "", "zz" + new string('0', 62), new string('0', 64), new string('a', 63) })
        {
            File.WriteAllText(path, bad);
            var error = Assert.Throws<InvalidDataException>(() => NodeKeyFile.LoadOrCreate(dir.Path));
            Assert.Contains(path, error.Message);
            Assert.Equal(bad, File.ReadAllText(path)); // left as it was for the operator
        }
    }

    [Fact]
    public void A_restarted_node_keeps_its_id_and_seeds_its_table_from_the_database()
    {
        using var dir = new TempDir();
        var bootKey = Secp256k1.GeneratePrivateKey();
        var boot = Start("boot", bootKey, null, []);
        var bootNode = new EnodeUrl(NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(bootKey)), IPAddress.Loopback, 30303, UdpPort(boot));

        var firstKey = NodeKeyFile.LoadOrCreate(dir.Path);
        var first = Start("first", firstKey, dir.Path, [bootNode]);
        AwaitAssert(() => Assert.Contains(Table(first), e => e.Node.Id == bootNode.Id && e.Proven), HostileScale.Patience(15));
        var firstId = Record(first).PublicKey;
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, HostileScale.Patience(5));

        // Restart with no bootnodes: the key comes from the file, the table from the database.
        var secondKey = NodeKeyFile.LoadOrCreate(dir.Path);
        var second = Start("second", secondKey, dir.Path, []);
        Assert.Equal(firstId, Record(second).PublicKey);
        Assert.Contains(Table(second), e => e.Node.Id == bootNode.Id);
        AwaitAssert(() => Assert.Contains(Table(second), e => e.Node.Id == bootNode.Id && e.Proven), HostileScale.Patience(15));
    }

    private IActorRef Start(string name, byte[] key, string? dataDir, IReadOnlyList<EnodeUrl> bootnodes) =>
        Sys.ActorOf(DiscoveryActor.Props(new DiscoverySettings
        {
            PrivateKey = key,
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            TcpPort = 30303,
            Bootnodes = bootnodes,
            NodeDatabaseFactory = () => SqliteNodeDatabase.Open(dataDir),
            RandomLookupsPerRefresh = 0,
        }), name);

    private IReadOnlyList<TableNodeInfo> Table(IActorRef actor)
    {
        actor.Tell(GetTableNodes.Instance);
        return ExpectMsg<TableNodes>(HostileScale.Patience(10)).Nodes;
    }

    private int UdpPort(IActorRef actor)
    {
        actor.Tell(GetLocalRecord.Instance);
        return ExpectMsg<LocalRecord>(HostileScale.Patience(10)).UdpPort;
    }

    private Enr Record(IActorRef actor)
    {
        actor.Tell(GetLocalRecord.Instance);
        return Enr.Parse(ExpectMsg<LocalRecord>(HostileScale.Patience(10)).Enr);
    }
}
