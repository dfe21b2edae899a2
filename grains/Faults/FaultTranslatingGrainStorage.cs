using Civic.Grains.Interfaces;
using Orleans.Storage;

namespace Civic.Grains.Faults;

/// <summary>
/// Grain storage that lets no infrastructure exception out as it is. Reading a grain's state happens when the grain
/// activates, before any grain call filter runs (<see cref="InfrastructureFaultFilter"/> only sees calls): with
/// PostgreSQL down, Orleans would send the caller an activation failure holding an Npgsql exception it cannot
/// serialise, which reached the API as a codec error, answered OUTCOME_UNKNOWN, or not at all. A failed read recorded
/// nothing: it leaves as <see cref="ErrorCodes.Unavailable"/>. Writes and clears happen inside calls, where the
/// filter already translates; their exceptions (the ETag conflict among them) pass unchanged.
/// </summary>
public sealed class FaultTranslatingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (ex is not InconsistentStateException && InfrastructureFaults.Translate(ex, mayHaveWritten: false) is { } civic)
        {
            throw civic;
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }
}
