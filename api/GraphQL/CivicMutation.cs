using System.Collections.Immutable;
using Civic.Api.GraphQL.Types;
using Civic.Api.Hosting;
using Civic.Api.Oidc;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;

namespace Civic.Api.GraphQL;

/// <summary>Writes. Each resolver builds a command from its input plus the request's actor and hands it to a grain.</summary>
public sealed class CivicMutation : ObjectGraphType
{
    public CivicMutation(IClusterClient cluster, TenantResolver tenants, ImportFiles importFiles, DomainClock clock, OidcClients oidcClients, SignInProviders signInProviders, SiloDeathWatch deaths)
    {
        Name = "Mutation";
        this.AddIdeaBoxMutations(cluster, clock);
        this.AddCommentMutations(cluster);
        this.AddCampaignUpdateMutations(cluster);
        this.AddIdeaProjectMutations(cluster);
        this.AddModerationMutations(cluster);
        this.AddNotificationMutations();

        Field<NonNullGraphType<TenantGraphType>>("createTenant")
            .Description("Platform operators only.")
            .Argument<NonNullGraphType<CreateTenantInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireOperator();
                var input = c.GetArgument<CreateTenantInput>("input");
                var slug = TenantSlug.Checked(input.Slug);
                var created = await cluster.GetGrain<ITenantGrain>(slug).CreateAsync(new CreateTenant(
                    input.Name, input.Locale,
                    input.Branding is { } b ? new Branding(b.PrimaryColor, b.SecondaryColor, b.LogoUrl) : null,
                    input.Modules?.ToImmutableArray(),
                    [.. input.CustomHosts ?? []]), actor);
                tenants.Invalidate(slug);
                return created;
            });

        Field<NonNullGraphType<OidcClientGraphType>>("registerOidcClient")
            .Description("Admins only: registers a public OpenID Connect client of the tenant (or replaces the one with this client id).")
            .Argument<NonNullGraphType<RegisterOidcClientInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var input = c.GetArgument<RegisterOidcClientInput>("input");
                return await oidcClients.RegisterAsync(actor.Tenant, new OidcClient(
                    input.ClientId, input.DisplayName, [.. input.RedirectUris], [.. input.PostLogoutRedirectUris ?? []]), c.CancellationToken);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignCategoryOptionGraphType>>>>("defineCampaignCategory")
            .Description("Admins only: declares one of the tenant's own campaign categories (or relabels it); answers the tenant's own categories.")
            .Argument<NonNullGraphType<StringGraphType>>("code", "2 to 40 lower-case letters, digits or hyphens, starting with a letter; campaigns name it in customCategory.")
            .Argument<NonNullGraphType<StringGraphType>>("label")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var categories = await cluster.GetGrain<ITenantGrain>(actor.Tenant).DefineCampaignCategoryAsync(
                    new TenantCampaignCategory(c.GetArgument<string>("code"), c.GetArgument<string>("label")), actor);
                return CampaignCategoryOption.TenantOnly(categories);
            });

        Field<NonNullGraphType<TenantGraphType>>("updateTenantBranding")
            .Description("""
                Admins only: the tenant's name, default locale and branding, replaced as one; the next tenant query on
                any API node answers them (each node is told of the change; should that message be lost, within
                Tenancy:CacheFor, 10 s by default). Errors, one per
                field and nothing changed: FORBIDDEN, TENANT_NAME_INVALID (empty, over 200 characters or not one line),
                LOGO_URL_INVALID (neither https nor a path on the site such as /logo.svg, or over 2048 characters),
                PRIMARY_COLOR_INVALID and SECONDARY_COLOR_INVALID (not #rrggbb), LOCALE_UNSUPPORTED (not fr or en).
                """)
            .Argument<NonNullGraphType<UpdateTenantBrandingInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var i = c.GetArgument<UpdateTenantBrandingInput>("input");
                var info = await cluster.GetGrain<ITenantGrain>(actor.Tenant).UpdateBrandingAsync(
                    new UpdateTenantBranding(i.Name, i.Locale, new Branding(i.PrimaryColor, i.SecondaryColor, i.LogoUrl)), actor);
                tenants.Invalidate(actor.Tenant);
                return info;
            });

        Field<NonNullGraphType<CampaignGraphType>>("createCampaign")
            .Description("A draft campaign owned by the caller (a member as project owner, or an admin).")
            .Argument<NonNullGraphType<CreateCampaignInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var input = c.GetArgument<CreateCampaignInput>("input");
                var id = GrainKeys.NewId(IdPrefixes.Campaign);
                return await cluster.GetGrain<ICampaignGrain>(GrainKeys.Compound(actor.Tenant, id)).CreateAsync(new CreateCampaign(
                    input.Title, input.Description, input.Mode, input.Rule,
                    new Money(input.Goal.Amount, input.Goal.Currency),
                    input.StartsAt, input.EndsAt,
                    input.MinContribution, input.MaxContribution,
                    input.Category is { } kind ? new CampaignCategoryRef(kind, input.CustomCategory) : null,
                    [.. (input.Rewards ?? []).Select(r => new NewReward(r.Title, r.MinAmount, r.Stock))],
                    input.LoanTerms is { } l ? new LoanTerms(l.AnnualRateBasisPoints, l.TermMonths, l.FirstRepaymentOn) : null,
                    input.EquityOffer is { } e
                        ? new EquityOffer(e.SharePrice, input.Goal.Currency, e.MinRaise, e.MaxRaise, e.SharesOffered, e.Kiis)
                        : null,
                    input.Matchfunding, input.AidToPeopleInDifficulty, input.MatchCallId), actor);
            });

        Field<NonNullGraphType<MatchPoolGraphType>>("fundMatchPool")
            .Description("Admins only: puts money in the tenant's default match pool and sets its rules (omitted rules: 1:1, 100 EUR per contribution, 500 EUR per project, once per backer per project). The same idempotency key again adds nothing and answers the first top-up.")
            .Argument<NonNullGraphType<LongGraphType>>("amount", "Cents.")
            .Argument<NonNullGraphType<StringGraphType>>("currency")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .Argument<MatchSettingsInputGraphType>("settings")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.GetGrain<IMatchPoolGrain>(actor.Tenant).FundAsync(new FundMatchPool(
                    new Money(c.GetArgument<long>("amount"), c.GetArgument<string>("currency")), c.GetArgument<string>("idempotencyKey"),
                    Requested: c.GetArgument<MatchSettingsInput?>("settings").ToRequested()), actor);
            });

        Field<NonNullGraphType<MatchCallGraphType>>("createMatchCall")
            .Description("Admins only: opens a matchfunding call with its own (empty) pool and rules; fund it with fundMatchCall.")
            .Argument<NonNullGraphType<CreateMatchCallInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var input = c.GetArgument<CreateMatchCallInput>("input");
                var id = GrainKeys.NewId(IdPrefixes.MatchCall);
                return await cluster.GetGrain<IMatchPoolGrain>(MatchPools.Key(actor.Tenant, id)).OpenCallAsync(
                    new OpenMatchCall(input.Name, input.Currency, Settings: null, input.Settings.ToRequested()), actor);
            });

        Field<NonNullGraphType<MatchPoolGraphType>>("fundMatchCall")
            .Description("Admins only: puts money in a call's pool (in the call's currency). The same idempotency key again adds nothing and answers the first top-up.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<LongGraphType>>("amount", "Cents.")
            .Argument<NonNullGraphType<StringGraphType>>("currency")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.MatchCall(actor.Tenant, c.GetArgument<string>("id")).FundAsync(new FundMatchPool(
                    new Money(c.GetArgument<long>("amount"), c.GetArgument<string>("currency")), c.GetArgument<string>("idempotencyKey")), actor);
            });

        Field<NonNullGraphType<CampaignGraphType>>("publishCampaign")
            .Description("Admins only, the moderation fast path: a DRAFT (not submitted) or APPROVED campaign goes live at its start date.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("id")).PublishAsync(actor);
            });

        Field<NonNullGraphType<CampaignGraphType>>("submitCampaign")
            .Description("The owner sends a DRAFT or CHANGES_REQUESTED campaign to the moderators.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("id")).SubmitAsync(actor);
            });

        Field<NonNullGraphType<CampaignGraphType>>("requestCampaignChanges")
            .Description("Moderators and admins: a SUBMITTED campaign goes back to its owner with the reason.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("id")).RequestChangesAsync(actor, c.GetArgument<string>("reason"));
            });

        Field<NonNullGraphType<CampaignGraphType>>("approveCampaign")
            .Description("Moderators and admins: a SUBMITTED campaign is approved, and LIVE at once if its start has come.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("note")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("id")).ApproveAsync(actor, c.GetArgument<string?>("note"));
            });

        Field<NonNullGraphType<CampaignGraphType>>("rejectCampaign")
            .Description("Moderators and admins: a SUBMITTED campaign is refused for good, with the reason.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("id")).RejectAsync(actor, c.GetArgument<string>("reason"));
            });

        Field<NonNullGraphType<CampaignGraphType>>("setCampaignAidToPeopleInDifficulty")
            .Description("Moderators and admins, until the campaign is live: flags a donation campaign as aid to people in difficulty (75% receipts for individuals) or clears the flag.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<BooleanGraphType>>("aid")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("id")).SetAidToPeopleInDifficultyAsync(actor, c.GetArgument<bool>("aid"));
            });

        Field<NonNullGraphType<PledgePayloadGraphType>>("pledge")
            .Description("Acknowledged only once durably recorded; retry with the same idempotency key after an error.")
            .Argument<NonNullGraphType<PledgeInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var input = c.GetArgument<PledgeInput>("input");
                var receipt = await deaths.GuardAsync(cluster.Campaign(actor.Tenant, input.CampaignId)
                    .PledgeAsync(new Pledge(actor, input.Amount, input.IdempotencyKey, input.RewardId, input.PaymentToken)));
                return new PledgePayload(receipt, input.CampaignId);
            });

        Field<NonNullGraphType<ReceiptBeneficiaryRegistrationGraphType>>("setReceiptBeneficiary")
            .Description("The caller registers the identity (SIREN or RNA) printed on the receipts of the campaigns they own; a new or changed identity waits for an admin's approval (PENDING).")
            .Argument<NonNullGraphType<BeneficiaryInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var input = c.GetArgument<BeneficiaryInput>("input");
                return await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant)
                    .SetBeneficiaryAsync(new BeneficiaryProfile(input.Name, input.Address, input.Siren, input.Rna, input.Purpose), actor);
            });

        Field<NonNullGraphType<ReceiptBeneficiaryRegistrationGraphType>>("approveReceiptBeneficiary")
            .Description("Admins only: approves (or rejects, with a reason) one revision of a member's receipt identity; recorded with who and when.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The member's id (the registration's id).")
            .Argument<NonNullGraphType<IntGraphType>>("revision", "The revision reviewed: a changed identity is not approved unseen.")
            .Argument<NonNullGraphType<BooleanGraphType>>("approve")
            .Argument<StringGraphType>("reason", "Required to reject.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant).ReviewBeneficiaryAsync(new ReviewBeneficiary(
                    c.GetArgument<string>("id"), c.GetArgument<int>("revision"), c.GetArgument<bool>("approve"), c.GetArgument<string?>("reason")), actor);
            });

        Field<NonNullGraphType<TaxReceiptGraphType>>("requestTaxReceipt")
            .Description("The donor's tax receipt for one of their donations to a campaign that succeeded; asking again returns the same receipt.")
            .Argument<NonNullGraphType<IdGraphType>>("contributionId")
            .Argument<NonNullGraphType<DonorInputGraphType>>("donor")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var donor = c.GetArgument<DonorInput>("donor");
                return await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant)
                    .RequestAsync(c.GetArgument<string>("contributionId"), new ReceiptDonor(donor.Name, donor.Address, donor.CompanySiren), actor);
            });

        Field<NonNullGraphType<PledgePayloadGraphType>>("invest")
            .Description("Equity campaigns: buys whole shares, never more than remain. Acknowledged only once durably recorded.")
            .Argument<NonNullGraphType<InvestInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var input = c.GetArgument<InvestInput>("input");
                var receipt = await deaths.GuardAsync(cluster.Campaign(actor.Tenant, input.CampaignId).InvestAsync(new Invest(
                    actor, input.Shares, input.RiskAcknowledged,
                    input.Sophisticated ? InvestorKind.Sophisticated : InvestorKind.NonSophisticated,
                    input.KnowledgeTestPassed, input.DeclaredNetWorth, input.IdempotencyKey)));
                return new PledgePayload(receipt, input.CampaignId);
            });

        Field<NonNullGraphType<CampaignGraphType>>("revokeInvestment")
            .Description("The investor revokes one of their investments within the 4-day reflection period; money and shares return to the campaign.")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId")
            .Argument<NonNullGraphType<IdGraphType>>("contributionId")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("campaignId"))
                    .RevokeInvestmentAsync(actor, c.GetArgument<string>("contributionId"));
            });

        Field<NonNullGraphType<LoanPositionGraphType>>("recordLoanRepayment")
            .Description("Admins only: a repayment to one lender of a succeeded loan campaign; the same idempotency key records it once.")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId")
            .Argument<NonNullGraphType<IdGraphType>>("lenderId")
            .Argument<NonNullGraphType<LongGraphType>>("amount", "Cents.")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("paidOn")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.Campaign(actor.Tenant, c.GetArgument<string>("campaignId")).RecordLoanRepaymentAsync(
                    actor, c.GetArgument<string>("lenderId"),
                    new LoanRepayment(c.GetArgument<string>("idempotencyKey"), c.GetArgument<long>("amount"), c.GetArgument<DateOnly>("paidOn")));
            });

        Field<NonNullGraphType<VoteGraphType>>("createVote")
            .Description("Admins only.")
            .Argument<NonNullGraphType<CreateVoteInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var input = c.GetArgument<CreateVoteInput>("input");
                var id = GrainKeys.NewId(IdPrefixes.Vote);
                return await cluster.GetGrain<IVoteGrain>(GrainKeys.Compound(actor.Tenant, id)).CreateAsync(new CreateVote(
                    input.Title, input.BallotType, input.MinChoices, input.MaxChoices,
                    [.. input.Options.Select(o => new VoteOptionInput(o.Title, o.Cost, o.District, o.ExternalId))],
                    input.Budget is { } b ? new Money(b.Amount, b.Currency) : null,
                    input.OpensAt, input.ClosesAt, input.Rule,
                    input.MaxPointsPerProject,
                    input.MaxTotalPoints,
                    input.GradeScale,
                    input.MinimumSpendPercent,
                    [.. (input.Districts ?? []).Select(d => new VoteDistrictInput(d.Name, d.Budget))],
                    input.AllowSecondDistrict,
                    input.ExactRanks,
                    input.RequireVerified,
                    input.MinimumAge,
                    input.MinProjectScore,
                    input.LiveTallies ?? false,
                    [.. (input.ExclusiveSets ?? []).Select(set => set.ToImmutableArray())]), actor);
            });

        Field<NonNullGraphType<VoteGraphType>>("setVoteExclusiveSets")
            .Description("Admins only: the vote's mutually exclusive options (option ids), counted by GREEDY_EXCLUSIVE from then on. "
                + "On a draft vote counted greedily, or on an imported greedy-exclusive vote until it closes; replaces the sets given before.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>>>("exclusiveSets")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var sets = c.GetArgument<List<List<string>>>("exclusiveSets");
                return await cluster.Vote(actor.Tenant, c.GetArgument<string>("id")).SetExclusiveSetsAsync(
                    [.. sets.Select(set => set.ToImmutableArray())], actor);
            });

        Field<NonNullGraphType<CensusUploadGraphType>>("uploadCensus")
            .Description("Admins only: adds the electoral roll or resident list (CSV: document number, birth date yyyy-MM-dd, optional district). "
                + "Civic keeps a keyed hash of each number, never the number; a bad row refuses the whole file. "
                + "With replace: true the file is the whole new roll: entries it lacks are removed and their members are no longer verified.")
            .Argument<NonNullGraphType<StringGraphType>>("csv")
            .Argument<BooleanGraphType>("replace", "Replace the roll instead of adding to it (default false).")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.GetGrain<ICensusGrain>(actor.Tenant)
                    .UploadAsync(c.GetArgument<string>("csv"), c.GetArgument<bool?>("replace") ?? false, actor);
            });

        Field<NonNullGraphType<VerificationGraphType>>("verifyResidency")
            .Description("The caller claims the census entry with this document number and birth date; one entry per member and one member per entry. "
                + "After 5 failures each further try waits longer (VERIFICATION_LOCKED).")
            .Argument<NonNullGraphType<StringGraphType>>("documentNumber")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("birthDate")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var verification = await cluster.GetGrain<ICensusGrain>(actor.Tenant)
                    .VerifyAsync(c.GetArgument<string>("documentNumber"), c.GetArgument<DateOnly>("birthDate"), actor);
                return MyVerification.Of(verification, clock.GetUtcNow());
            });

        Field<NonNullGraphType<CastBallotPayloadGraphType>>("castBallot")
            .Description("One ballot per member per vote; acknowledged only once durably recorded.")
            .Argument<NonNullGraphType<CastBallotInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var input = c.GetArgument<CastBallotInput>("input");
                return await deaths.GuardAsync(cluster.Vote(actor.Tenant, input.VoteId).CastBallotAsync(
                    new CastBallot(actor, [.. input.Choices], input.Points is null ? [] : [.. input.Points], input.District)));
            });

        Field<NonNullGraphType<CastBallotPayloadGraphType>>("recordInPersonBallot")
            .Description("Polling officers and admins: the ballot of a person without an account, after checking their census entry, "
                + "which is then claimed for them (they cannot vote again, in person or online). An entry an account holds is "
                + "CENSUS_ENTRY_TAKEN; a second ballot of the same person in the same vote is ALREADY_VOTED. Logged with the officer.")
            .Argument<NonNullGraphType<IdGraphType>>("voteId")
            .Argument<NonNullGraphType<StringGraphType>>("documentNumber")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("birthDate")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choices")
            .Argument<ListGraphType<NonNullGraphType<IntGraphType>>>("points")
            .Argument<StringGraphType>("district")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var points = c.GetArgument<List<int>?>("points");
                return await cluster.GetGrain<IPollingStationGrain>(actor.Tenant).RecordInPersonBallotAsync(
                    new InPersonBallot(c.GetArgument<string>("voteId"), c.GetArgument<string>("documentNumber"), c.GetArgument<DateOnly>("birthDate"),
                        [.. c.GetArgument<List<string>>("choices")], points is null ? [] : [.. points], c.GetArgument<string?>("district")),
                    actor);
            });

        Field<NonNullGraphType<PaperBallotsPayloadGraphType>>("recordPaperBallots")
            .Description("Admins only: ballots collected on paper, counted with the members' ballots; each voter reference counts once.")
            .Argument<NonNullGraphType<RecordPaperBallotsInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var input = c.GetArgument<RecordPaperBallotsInput>("input");
                return await cluster.Vote(actor.Tenant, input.VoteId).RecordPaperBallotsAsync(
                    [.. input.Ballots.Select(b => new PaperBallot(b.VoterRef, [.. b.Choices], b.Points is null ? [] : [.. b.Points], b.District))],
                    actor);
            });

        Field<NonNullGraphType<VoteGraphType>>("importPabulib")
            .Description("Admins only: a new vote from a Pabulib .pb file (projects, costs, ballot type, budget, rule), its ballots counted as paper ballots.")
            .Argument<NonNullGraphType<ImportPabulibInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var input = c.GetArgument<ImportPabulibInput>("input");
                var content = await importFiles.ContentAsync(input.Content, input.Url, c.CancellationToken);
                var id = GrainKeys.NewId(IdPrefixes.Vote);
                return await cluster.GetGrain<IVoteGrain>(GrainKeys.Compound(actor.Tenant, id))
                    .ImportPabulibAsync(new ImportPabulib(content, input.Title, input.Close), actor);
            });

        Field<NonNullGraphType<DataExportRequestGraphType>>("requestMyDataExport")
            .Description("A copy of everything Civic holds about the caller in this tenant, as JSON (schema version 1; never how they voted): "
                + "prepared in the background and mailed as a link valid 7 days, which opens for the caller only. One a day (QUOTA_EXCEEDED).")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.GetGrain<IPersonalDataGrain>(GrainKeys.Compound(actor.Tenant, actor.UserId)).RequestExportAsync(actor);
            });

        Field<NonNullGraphType<MailTemplateGraphType>>("setMailTemplate")
            .Description("Admins only: the tenant's own template of a kind of mail in a locale (fr or en), in place of Civic's. "
                + "Placeholders are written {{name}}; an unknown one, or a text without {{link}}, is VALIDATION.")
            .Argument<NonNullGraphType<StringGraphType>>("kind")
            .Argument<NonNullGraphType<StringGraphType>>("locale")
            .Argument<NonNullGraphType<StringGraphType>>("subject", "One line, at most 200 characters.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "At most 10,000 characters; the HTML part is made from it.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.GetGrain<IMailTemplatesGrain>(actor.Tenant).SetAsync(new SetMailTemplate(
                    c.GetArgument<string>("kind"), c.GetArgument<string>("locale"), c.GetArgument<string>("subject"), c.GetArgument<string>("text")), actor);
            });

        Field<NonNullGraphType<MailTemplateGraphType>>("resetMailTemplate")
            .Description("Admins only: goes back to Civic's template of the kind in the locale; answers it.")
            .Argument<NonNullGraphType<StringGraphType>>("kind")
            .Argument<NonNullGraphType<StringGraphType>>("locale")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.GetGrain<IMailTemplatesGrain>(actor.Tenant).ResetAsync(c.GetArgument<string>("kind"), c.GetArgument<string>("locale"), actor);
            });

        Field<NonNullGraphType<VoteGraphType>>("closeVote")
            .Description("Admins only: closes the vote now and computes the results.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.Vote(actor.Tenant, c.GetArgument<string>("id")).CloseAsync(actor);
            });

        this.AddAccountMutations(cluster);
        this.AddRoleMutations(cluster);
        this.AddSignInProviderMutations(signInProviders);
    }
}
