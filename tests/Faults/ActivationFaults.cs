using System.Data.Common;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Faults;

/// <summary>
/// A grain that activates while PostgreSQL is down cannot read its state: the failure leaves the silo as Civic's
/// own UNAVAILABLE (nothing was recorded), never as an Npgsql exception, which Orleans cannot send to another
/// process (it reached the API as a codec error, answered OUTCOME_UNKNOWN).
/// </summary>
public sealed class ActivationFaults(OwnPostgresHost host) : IClassFixture<OwnPostgresHost>
{
    [Fact]
    public async Task A_grain_activating_while_the_database_is_down_fails_as_unavailable_with_no_database_exception()
    {
        var tenant = await host.NewTenantAsync(TenantModule.Votes);
        string voteId;
        using (var admin = host.Admin(tenant))
        {
            voteId = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        }

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var vote = grains.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, voteId));
        Assert.NotNull(await vote.GetAsync(null)); // active, its state read
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await host.StopPostgresAsync();
        Exception failure;
        try
        {
            failure = await Assert.ThrowsAnyAsync<Exception>(() => vote.GetAsync(null));
        }
        finally
        {
            await host.StartPostgresAsync();
        }

        var chain = Chain(failure).ToList();
        Assert.DoesNotContain(chain, e => e is DbException);
        var civic = Assert.Single(chain.OfType<CivicException>());
        Assert.Equal(ErrorCodes.Unavailable, civic.Code);
        Assert.Equal(ErrorCodes.Unavailable, InfrastructureFaults.Translate(failure, mayHaveWritten: true)!.Code);

        // With the database back (its pooled connections are dead: the first calls may still fail as UNAVAILABLE), the grain activates.
        await EventuallyAsync(async () =>
        {
            try
            {
                return await vote.GetAsync(null) is not null;
            }
            catch (CivicException e) when (e.Code == ErrorCodes.Unavailable)
            {
                return false;
            }
        }, active => active, "the vote to activate once PostgreSQL is back");
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
