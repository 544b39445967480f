using System.Globalization;
using Devp2p.Fuzzing;

namespace Devp2p.Cli.Commands.Fuzz;

/// <summary>Prints fuzz results: one line per target as it finishes, then every kept failure with its replay command.</summary>
internal static class FuzzReportWriter
{
    public static int WriteRun(CliOutput io, ulong seed, IEnumerable<FuzzTargetReport> reports)
    {
        io.Out.WriteLine($"seed {seed}, secp256k1 backend {Devp2p.Protocol.Crypto.Secp256k1.BackendName}");
        io.Out.WriteLine($"{"target",-22} {"cases",9} {"decoded",9} {"typed err",9} {"failures",8} {"max alloc",10} {"time",8}");
        var failed = new List<FuzzTargetReport>();
        long total = 0, failures = 0;
        foreach (var r in reports)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Target,-22} {r.Cases,9} {r.Decoded,9} {r.TypedErrors,9} {r.FailureCount,8} {r.MaxAllocatedBytes / 1024.0,8:0.0}Ki {r.Elapsed.TotalSeconds,7:0.0}s"));
            io.Out.Flush();
            total += r.Cases;
            failures += r.FailureCount;
            if (r.FailureCount > 0)
                failed.Add(r);
        }
        foreach (var r in failed)
        {
            io.Out.WriteLine();
            io.Out.WriteLine($"{r.Target}: {r.FailureCount} failures ({string.Join(", ", r.FailuresByOutcome.Select(p => $"{p.Key} {p.Value}"))})");
            foreach (var f in r.Failures)
            {
                io.Out.WriteLine($"  case {f.CaseIndex}: {f.Outcome} ({f.Origin}): {f.Detail}");
                io.Out.WriteLine($"    replay: {f.ReplayCommand}");
            }
        }
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} cases, {failures} failures"));
        if (failures == 0)
            return 0;
        io.Err.WriteLine($"devp2p: {failures} fuzz case(s) failed");
        return 1;
    }

    public static int WriteReplay(CliOutput io, FuzzCaseResult result)
    {
        io.Out.WriteLine($"{result.Target} seed {result.RunSeed} case {result.CaseIndex} ({result.Origin})");
        io.Out.WriteLine($"input ({result.InputLength} bytes): {result.InputHex(int.MaxValue)}");
        io.Out.WriteLine($"outcome: {result.Outcome}, {result.AllocatedBytes} bytes allocated");
        io.Out.WriteLine(result.Detail);
        if (!result.IsFailure)
            return 0;
        io.Err.WriteLine($"devp2p: case {result.CaseIndex} of {result.Target} fails: {result.Outcome}");
        return 1;
    }
}
