namespace Devp2p.Protocol.Eth;

/// <summary>What <see cref="ForkFilter"/> makes of a remote fork id (geth's forkid errors).</summary>
public enum ForkIdValidation
{
    /// <summary>Same fork state, or one side is merely behind: connect.</summary>
    Accepted,

    /// <summary>The remote is on a subset of our passed forks but does not know the fork we passed next: its software is outdated (geth ErrRemoteStale).</summary>
    RemoteStale,

    /// <summary>The remote's checksum matches nothing we can reach, or it announces a fork we passed without knowing of it (geth ErrLocalIncompatibleOrStale).</summary>
    LocalIncompatibleOrStale,
}

public static class ForkIdValidationExtensions
{
    /// <summary>geth's error text: "remote needs update" / "local incompatible or needs update".</summary>
    public static string Describe(this ForkIdValidation result) => result switch
    {
        ForkIdValidation.Accepted => "accepted",
        ForkIdValidation.RemoteStale => "remote needs update",
        ForkIdValidation.LocalIncompatibleOrStale => "local incompatible or needs update",
        _ => result.ToString(),
    };
}
