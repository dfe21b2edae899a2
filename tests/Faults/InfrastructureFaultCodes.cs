using Civic.Grains.Faults;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Npgsql;
using Orleans.Runtime;

namespace Civic.Tests.Faults;

/// <summary>
/// The one classification of infrastructure faults: what a client sees for each exception a degraded cluster throws,
/// on a read and on a write; Civic's own errors pass unchanged and a bug is not mistaken for a fault.
/// </summary>
public sealed class InfrastructureFaultCodes
{
    private static Exception Fault(string what) => what switch
    {
        "timeout" => new TimeoutException("no answer"),
        "silo died mid-call" => new SiloUnavailableException("gone"),
        "message rejected before it ran" => Runtime<OrleansMessageRejectionException>("rejected"),
        "no gateway" => Runtime<ClientNotAvailableException>("no gateway"),
        "orleans runtime" => new OrleansException("runtime"),
        "npgsql" => new NpgsqlException("connection refused", new System.Net.Sockets.SocketException(111)),
        "wrapped" => new AggregateException(new InvalidOperationException("outer", new TimeoutException())),
        "npgsql that could not be sent" => Runtime<Orleans.Serialization.CodecNotFoundException>("Could not find a codec for type Npgsql.NpgsqlException."),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    /// <summary>An Orleans runtime exception whose constructors the runtime keeps to itself.</summary>
    public static T Runtime<T>(string message)
        where T : Exception =>
        (T)Activator.CreateInstance(typeof(T), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic,
            null, [message], null)!;

    [Theory]
    [InlineData("timeout", ErrorCodes.Unavailable, ErrorCodes.OutcomeUnknown)]
    [InlineData("silo died mid-call", ErrorCodes.Unavailable, ErrorCodes.OutcomeUnknown)]
    [InlineData("message rejected before it ran", ErrorCodes.Unavailable, ErrorCodes.Unavailable)]
    [InlineData("no gateway", ErrorCodes.Unavailable, ErrorCodes.Unavailable)]
    [InlineData("orleans runtime", ErrorCodes.Unavailable, ErrorCodes.OutcomeUnknown)]
    [InlineData("npgsql", ErrorCodes.Unavailable, ErrorCodes.OutcomeUnknown)]
    [InlineData("wrapped", ErrorCodes.Unavailable, ErrorCodes.OutcomeUnknown)]
    [InlineData("npgsql that could not be sent", ErrorCodes.Unavailable, ErrorCodes.OutcomeUnknown)]
    public void A_fault_is_UNAVAILABLE_on_a_read_and_as_it_may_be_on_a_write(string what, string onRead, string onWrite)
    {
        var fault = Fault(what);
        Assert.True(InfrastructureFaults.IsFault(fault), what);
        Assert.Equal(onRead, InfrastructureFaults.Translate(fault, mayHaveWritten: false)!.Code);
        Assert.Equal(onWrite, InfrastructureFaults.Translate(fault, mayHaveWritten: true)!.Code);
    }

    [Fact]
    public void Civic_errors_pass_unchanged_and_bugs_are_not_faults()
    {
        var refused = new CivicException(ErrorCodes.CampaignClosed, "closed");
        Assert.Same(refused, InfrastructureFaults.Translate(new AggregateException(refused), mayHaveWritten: true));
        Assert.Null(InfrastructureFaults.Translate(new InvalidOperationException("a bug"), mayHaveWritten: true));
        Assert.Null(InfrastructureFaults.Translate(new NullReferenceException(), mayHaveWritten: false));
        // A type of Civic's own that lacks a codec is a bug, not a fault.
        Assert.Null(InfrastructureFaults.Translate(Runtime<Orleans.Serialization.CodecNotFoundException>("Could not find a codec for type Civic.Grains.Thing."), mayHaveWritten: true));
    }

    [Fact]
    public void The_ledger_says_outcome_unknown_only_when_the_commit_may_have_landed()
    {
        var refused = new NpgsqlException("refused");
        Assert.Equal(ErrorCodes.OutcomeUnknown, new LedgerUnavailableException(refused).ToCivicError("The pledge").Code);
        Assert.Equal(ErrorCodes.Unavailable, new LedgerUnavailableException(refused, mayHaveCommitted: false).ToCivicError("The pledge").Code);
    }

    [Theory]
    [InlineData("GetAsync", true)]
    [InlineData("ListAsync", true)]
    [InlineData("ResolveHostAsync", true)]
    [InlineData("PledgeAsync", false)]
    [InlineData("SettlePaymentAsync", false)]
    [InlineData("Getaway", false)]
    [InlineData("IssueReceiptAsync", false)]
    public void The_grain_filter_tells_reads_from_writes_by_name(string method, bool read) =>
        Assert.Equal(read, InfrastructureFaultFilter.IsRead(null, method));

    [Fact]
    public void The_grain_filter_takes_a_read_only_method_for_a_read() =>
        Assert.True(InfrastructureFaultFilter.IsRead(typeof(ICensusGrain).GetMethods().First(m => m.GetCustomAttributes(typeof(Orleans.Concurrency.ReadOnlyAttribute), false).Length > 0), "Whatever"));
}
