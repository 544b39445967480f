using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>The settings every result carries: the workload's own options, then where and when it ran.</summary>
internal static class BenchSettings
{
    public static IReadOnlyList<KeyValuePair<string, object>> Common(params (string Key, object Value)[] workload)
    {
        var list = workload.Select(w => new KeyValuePair<string, object>(w.Key, w.Value)).ToList();
        list.Add(new("backend", Secp256k1.BackendName));
        list.Add(new("cores", Environment.ProcessorCount));
        list.Add(new("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription));
        list.Add(new("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription));
        list.Add(new("date", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));
        return list;
    }
}
