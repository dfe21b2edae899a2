namespace Civic.Tests.Infrastructure;

/// <summary>A tiny grain for infrastructure tests: persisted counter in the "civic" storage, plus a reminder.</summary>
public interface ICounterTestGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task RegisterTickAsync(TimeSpan period);
}

[GenerateSerializer]
public sealed class CounterTestState
{
    [Id(0)]
    public int Value { get; set; }
}

public sealed class CounterTestGrain(
    [PersistentState("s", "civic")] IPersistentState<CounterTestState> state) : Grain, ICounterTestGrain, IRemindable
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task RegisterTickAsync(TimeSpan period) => this.RegisterOrUpdateReminder("tick", period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
