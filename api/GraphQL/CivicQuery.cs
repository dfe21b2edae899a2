using Civic.Api.GraphQL.Types;
using Civic.Api.Oidc;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;

namespace Civic.Api.GraphQL;

/// <summary>Reads. Every field resolves the tenant and viewer from the request, never from arguments.</summary>
public sealed class CivicQuery : ObjectGraphType
{
    public CivicQuery(IClusterClient cluster, ContributionReads contributions, TransparencyReads transparency, TaxReceiptReads receipts, MatchCallReads matchCalls,
        DomainClock clock, SignInProviders signInProviders)
    {
        Name = "Query";
        this.AddIdeaBoxQueries(cluster);
        this.AddModerationQueries();
        this.AddNotificationQueries();

        Field<TenantGraphType>("tenant")
            .Description("The tenant this request is for (host name or X-Civic-Tenant header).")
            .Resolve(c => c.Civic().RequireTenant());

        Field<MatchPoolGraphType>("matchPool")
            .Description("The tenant's default match pool, public; null while the tenant has never funded one.")
            .ResolveAsync(async c => await cluster.GetGrain<IMatchPoolGrain>(c.Civic().RequireTenant().Slug).GetStatusAsync());

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignCategoryOptionGraphType>>>>("campaignCategories")
            .Description("The categories campaigns of this tenant may take: the built-in ones, then the tenant's own.")
            .ResolveAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant();
                return CampaignCategoryOption.For(tenant.Locale, await cluster.GetGrain<ITenantGrain>(tenant.Slug).GetCampaignCategoriesAsync());
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MatchCallGraphType>>>>("matchCalls")
            .Description("The tenant's matchfunding calls, public, newest first.")
            .ResolveAsync(async c => (await matchCalls.ForTenantAsync(c.Civic().RequireTenant().Slug, c.CancellationToken)).ToArray());

        Field<MatchCallGraphType>("matchCall")
            .Description("One matchfunding call, public; null if there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                return cluster.MatchCallOrNull(c.Civic().RequireTenant().Slug, c.GetArgument<string>("id")) is { } call
                    ? await call.GetCallAsync()
                    : null;
            });

        Field<CampaignGraphType>("campaign")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var request = c.Civic();
                return cluster.CampaignOrNull(request.RequireTenant().Slug, c.GetArgument<string>("id")) is { } campaign
                    ? await campaign.GetAsync(request.Viewer())
                    : null;
            });

        Field<ListGraphType<NonNullGraphType<LoanInstalmentGraphType>>>("myLoanSchedule")
            .Description("The caller's repayment schedule on a loan campaign that succeeded; null before, or if they lent nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return cluster.CampaignOrNull(actor.Tenant, c.GetArgument<string>("campaignId")) is { } campaign
                    ? LoanEquityViews.Schedule(await campaign.GetLoanScheduleAsync(actor))
                    : null;
            });

        Field<LoanPositionGraphType>("myLoanPosition")
            .Description("The caller's loan on a succeeded loan campaign today: schedule, repayments recorded, what is due; null if none.")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return cluster.CampaignOrNull(actor.Tenant, c.GetArgument<string>("campaignId")) is { } campaign
                    ? await campaign.GetLoanPositionAsync(actor)
                    : null;
            });

        Field<NonNullGraphType<ConnectionType<CampaignGraphType>>>("campaigns")
            .Description("The tenant's published campaigns, newest first (drafts too for moderators and admins), filtered by status, mode and category.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .FilterArguments()
            .ResolveAsync(async c =>
            {
                var request = c.Civic();
                var page = await cluster.GetGrain<ITenantGrain>(request.RequireTenant().Slug).ListCampaignsAsync(
                    CampaignListFilter.From(c), Cursors.PageSize(c.GetArgument<int?>("first")), Cursors.IdFrom(c.GetArgument<string?>("after")), request.Viewer());
                return Connections.Of(page, l => l.Campaign!);
            });

        Field<VoteGraphType>("vote")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var request = c.Civic();
                return cluster.VoteOrNull(request.RequireTenant().Slug, c.GetArgument<string>("id")) is { } vote
                    ? await vote.GetAsync(request.Viewer())
                    : null;
            });

        Field<VoteOptionGraphType>("voteOption")
            .Description("One project (option) of a vote, as vote(id) shows it; null when the vote or the option is not there for the caller.")
            .Argument<NonNullGraphType<IdGraphType>>("voteId")
            .Argument<NonNullGraphType<IdGraphType>>("optionId")
            .ResolveAsync(async c =>
            {
                var request = c.Civic();
                var optionId = c.GetArgument<string>("optionId");
                return cluster.VoteOrNull(request.RequireTenant().Slug, c.GetArgument<string>("voteId")) is { } vote
                    && await vote.GetAsync(request.Viewer()) is { } summary && summary.Options.FirstOrDefault(o => o.Id == optionId) is { } option
                    ? VoteOptionView.Of(option, summary)
                    : null;
            });

        Field<NonNullGraphType<ConnectionType<VoteGraphType>>>("votes")
            .Description("The tenant's votes, newest first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                return Connections.Of(await ListAsync(cluster, c, CatalogKind.Vote), l => l.Vote!);
            });

        Field<NonNullGraphType<TransparencyGraphType>>("transparency")
            .Description("The tenant's public figures (also at /exports/transparency.json and .csv).")
            .ResolveAsync(async c => await transparency.ForTenantAsync(c.Civic().RequireTenant().Slug, c.CancellationToken));

        Field<NonNullGraphType<ConnectionType<TaxReceiptGraphType>>>("taxReceipts")
            .Description("Admins: the tenant's tax receipts, newest first (also /exports/tax-receipts.csv).")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var (rows, hasMore) = await receipts.ForTenantAsync(
                    actor.Tenant, first, Cursors.RowFrom(c.GetArgument<string?>("after")), c.CancellationToken);
                return Connections.Of(rows, r => r.Receipt, r => Cursors.ForRow(r.IssuedAt, r.RowId), hasMore, c.GetArgument<string?>("after") is not null);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InPersonOfficerLogGraphType>>>>("inPersonBallots")
            .Description("Admins: a vote's in-person ballots per polling officer (how many, first and last), by officer id.")
            .Argument<NonNullGraphType<IdGraphType>>("voteId")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return (await cluster.GetGrain<IPollingStationGrain>(actor.Tenant).LogAsync(c.GetArgument<string>("voteId"), actor)).ToArray();
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReceiptBeneficiaryRegistrationGraphType>>>>("receiptBeneficiaries")
            .Description("Admins: members' receipt identities in one status (PENDING: the review queue), oldest submitted first, at most 100.")
            .Argument<BeneficiaryStatusGraphType>("status", "PENDING when omitted.")
            .Argument<IntGraphType>("first", "At most 100 (the default).")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return (await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant).ListBeneficiariesAsync(
                    c.GetArgument<BeneficiaryStatus?>("status"), c.GetArgument<int?>("first"), actor)).ToArray();
            });

        Field<ReceiptBeneficiaryRegistrationGraphType>("myReceiptBeneficiary")
            .Description("The caller's own receipt identity and its review; null if they registered none.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant).GetOwnBeneficiaryAsync(actor);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DataExportGraphType>>>>("myDataExports")
            .Description("The caller's personal data exports in this tenant, newest first (the last 20), each PREPARING, READY or EXPIRED.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.GetGrain<IPersonalDataGrain>(GrainKeys.Compound(actor.Tenant, actor.UserId)).ExportsAsync(actor);
            });

        Field<NonNullGraphType<VerificationGraphType>>("myVerification")
            .Description("Whether the caller's residency is verified against the tenant's census, their district and age; never the document number.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return MyVerification.Of(await cluster.GetGrain<ICensusGrain>(actor.Tenant).GetVerificationAsync(actor.UserId), clock.GetUtcNow());
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MailTemplateGraphType>>>>("mailTemplates")
            .Description("Admins only: every kind of mail in fr and en, the tenant's own template where it wrote one, else Civic's.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.GetGrain<IMailTemplatesGrain>(actor.Tenant).ListAsync(actor);
            });

        Field<NonNullGraphType<ConnectionType<ContributionGraphType>>>("myContributions")
            .Description("The signed-in member's contributions in this tenant, newest first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var (rows, hasMore) = await contributions.ForMemberAsync(
                    actor.Tenant, actor.UserId, first, Cursors.RowFrom(c.GetArgument<string?>("after")), c.CancellationToken);
                return Connections.Of(rows, r => r, r => Cursors.ForRow(r.CreatedAt, r.RowId), hasMore, c.GetArgument<string?>("after") is not null);
            });

        this.AddAccountQueries(cluster);
        this.AddSignInProviderQueries(signInProviders);
        this.AddViewerQueries();
        this.AddModerationHistoryQueries();
    }

    private static Task<Page<CatalogListing>> ListAsync(IClusterClient cluster, IResolveFieldContext c, CatalogKind kind)
    {
        var request = c.Civic();
        var tenant = request.RequireTenant();
        var first = Cursors.PageSize(c.GetArgument<int?>("first"));
        var after = Cursors.IdFrom(c.GetArgument<string?>("after"));
        return cluster.GetGrain<ITenantGrain>(tenant.Slug).ListAsync(kind, first, after, request.Viewer());
    }
}
