using System.CommandLine;
using Devp2p.Fuzzing;
using Devp2p.Fuzzing.Running;

namespace Devp2p.Cli.Commands.Fuzz;

/// <summary>
/// <c>devp2p fuzz</c>: the long fuzzing pass over every decoder that reads network bytes (the CI
/// quick pass runs the same targets with fewer cases). Prints cases and failures per target and the
/// command that replays each failure; exits 1 if any case failed.
/// </summary>
internal static class FuzzCommand
{
    public static Command Create(CliOutput io)
    {
        var cases = new Option<long>("--cases") { Description = "Cases per target", DefaultValueFactory = _ => 100_000 };
        var target = new Option<string?>("--target") { Description = "Run only this target (see --list)" };
        var seed = new Option<ulong>("--seed") { Description = "Run seed; every case seed derives from it", DefaultValueFactory = _ => FuzzSeed.Default };
        var replay = new Option<long?>("--replay") { Description = "Run only case INDEX of --target and show its input and outcome" };
        var budget = new Option<double>("--case-timeout") { Description = "Seconds a case may run before it counts as a hang", DefaultValueFactory = _ => 10 };
        var list = new Option<bool>("--list") { Description = "List the targets and exit" };

        var command = new Command("fuzz", "Fuzz every network decoder: generated and mutated inputs must decode or fail with the decoder's typed error");
        command.Options.Add(cases);
        command.Options.Add(target);
        command.Options.Add(seed);
        command.Options.Add(replay);
        command.Options.Add(budget);
        command.Options.Add(list);
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                foreach (var t in FuzzTargets.All)
                    io.Out.WriteLine($"{t.Name,-22} {t.Description}");
                return 0;
            }
            long count = parse.GetValue(cases);
            if (count <= 0)
                throw new CliException("--cases must be at least 1");
            if (parse.GetValue(budget) is not (> 0 and <= 3600) and var seconds)
                throw new CliException($"--case-timeout must be between 0 and 3600 seconds, got {seconds}");
            var options = new FuzzOptions { Seed = parse.GetValue(seed), CaseTimeBudget = TimeSpan.FromSeconds(parse.GetValue(budget)) };
            var name = parse.GetValue(target);
            var selected = name is null ? FuzzTargets.All : [FuzzTargets.Find(name) ?? throw new CliException($"unknown fuzz target \"{name}\" (devp2p fuzz --list shows them)")];
            var runner = new FuzzRunner(options);

            if (parse.GetValue(replay) is { } index)
            {
                if (name is null)
                    throw new CliException("--replay needs --target");
                return FuzzReportWriter.WriteReplay(io, runner.Replay(selected[0], index));
            }
            return FuzzReportWriter.WriteRun(io, options.Seed, selected.Select(t => runner.Run(t, count)));
        });
        return command;
    }
}
