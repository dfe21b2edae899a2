using Civic.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Faults;

/// <summary>
/// A grain whose activation reads PostgreSQL (its snapshot, its ledger, its rows). An activation runs before any grain
/// call filter (<see cref="InfrastructureFaultFilter"/> only sees calls), so with the database down its Npgsql
/// exception would go back to the caller as it is: Orleans cannot serialise it to another process, and the API got
/// a codec error it answered OUTCOME_UNKNOWN, when nothing had been recorded. Here a fault of the activation leaves
/// as Civic's own <see cref="ErrorCodes.Unavailable"/>; the next call activates the grain again.
/// </summary>
public abstract class CivicGrain : Grain
{
    public sealed override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ActivateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not CivicException && InfrastructureFaults.IsFault(ex))
        {
            ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(GetType()).LogWarning(ex,
                "Activating {Grain} failed on an infrastructure fault; answered as {Code}", this.GetGrainId(), ErrorCodes.Unavailable);
            throw new CivicException(ErrorCodes.Unavailable, InfrastructureFaults.UnavailableMessage);
        }
    }

    /// <summary>What the grain does on activation (the place of <see cref="Grain.OnActivateAsync"/>).</summary>
    protected abstract Task ActivateAsync(CancellationToken cancellationToken);
}
