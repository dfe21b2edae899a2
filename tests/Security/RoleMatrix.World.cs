using System.Net;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>The role matrix's targets: a fresh tenant per case and what was made in it, and the shared settled world.</summary>
public sealed partial class RoleMatrix
{
    /// <summary>A fresh tenant and the targets made in it, each by the user a real target would have.</summary>
    private sealed class World(ClockedApiFixture api, string tenant)
    {
        public static readonly object BeneficiaryInput =
            new { name = "Association des jardins", address = "1 place de la Mairie, 31000 Toulouse", siren = "732829320", purpose = "Jardins partagés" };

        public static readonly object Beneficiary = new { input = BeneficiaryInput };

        public string ImportDirectory => api.ImportDirectory;

        public string Tenant => tenant;

        public AccountMails Mails { get; } = new(api);

        public IGrainFactory Grains => api.Grains;

        /// <summary>Now on the host's business clock.</summary>
        public DateTimeOffset Now => api.Now;

        public Task<Settled> SettledAsync() => new Shared(api).SettledAsync();

        public Task<Target> Target(string document, object? variables) => Task.FromResult(new Target(tenant, document, variables));

        /// <summary>An open idea box, opened by the tenant's admin.</summary>
        public async Task<string> IdeaBoxAsync()
        {
            using var admin = api.Admin(tenant);
            return (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        }

        /// <summary>An idea alice submitted in a fresh open box.</summary>
        public async Task<(string Box, string Idea)> IdeaAsync()
        {
            var box = await IdeaBoxAsync();
            using var alice = api.Member(tenant, "alice");
            var idea = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() }))["submitIdea"]!["id"]!.GetValue<string>();
            return (box, idea);
        }

        /// <summary>A comment on a fresh idea by <paramref name="author"/> (alice's own, or bob's for alice to vote on).</summary>
        public async Task<string> CommentAsync(string author = "alice")
        {
            var (_, idea) = await IdeaAsync();
            using var member = api.Member(tenant, author);
            return (await member.OkAsync(CommentDocuments.Comment, CommentDocuments.New(idea)))["commentIdea"]!["id"]!.GetValue<string>();
        }

        /// <summary>A comment of bob's that carol voted on (so there is a vote to take back).</summary>
        public async Task<string> VotedCommentAsync()
        {
            var comment = await CommentAsync("bob");
            using var carol = api.Member(tenant, "carol");
            await carol.OkAsync(CommentDocuments.Vote, new { id = comment, vote = "UP" });
            return comment;
        }

        /// <summary>An idea of alice's the admin accepted, and a vote of the admin's that opens in two days.</summary>
        public async Task<(string Idea, string Vote)> AcceptedIdeaAndDraftVoteAsync()
        {
            var (_, idea) = await IdeaAsync();
            using var admin = api.Admin(tenant);
            await admin.OkAsync(IdeaDocuments.Answer, new { id = idea, state = "ACCEPTED", text = "Retenue." });
            var input = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Documents.NewVote(closesAt: api.Now.AddDays(9))))!.AsObject();
            input["input"]!["opensAt"] = api.Now.AddDays(2).ToString("O");
            return (idea, (await admin.OkAsync(Documents.CreateVote, input))["createVote"]!["id"]!.GetValue<string>());
        }

        /// <summary>The tenant's census, uploaded by its admin.</summary>
        public async Task CensusAsync(string csv)
        {
            using var admin = api.Admin(tenant);
            await admin.OkAsync("mutation($csv: String!) { uploadCensus(csv: $csv) { entries } }", new { csv });
        }

        /// <summary>An unread notification of alice's (her content hidden), as moderation writes it: its id.</summary>
        public async Task<string> AliceNotificationAsync() =>
            (await Civic.Tests.Infrastructure.PostgresServerFixture.ScalarAsync<long>(api.ConnectionString, """
                insert into civic_notifications (tenant, member_id, kind, item_kind, item_id, text, created_at)
                values (@t, 'alice', 'content_hidden', 'idea', 'ie_0000000000000000', 'Doublon.', now()) returning id
                """, ("t", tenant))).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A donation draft owned by alice.</summary>
        public async Task<string> DraftAsync()
        {
            using var alice = api.Member(tenant, "alice");
            return (await alice.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
        }

        /// <summary>Alice's receipt beneficiary identity, registered and waiting for an admin's review.</summary>
        public async Task<(string Id, int Revision)> PendingBeneficiaryAsync()
        {
            using var alice = api.Member(tenant, "alice");
            var registered = (await alice.OkAsync(Documents.SetReceiptBeneficiary, new { input = BeneficiaryInput }))["setReceiptBeneficiary"]!;
            return (registered["id"]!.GetValue<string>(), registered["revision"]!.GetValue<int>());
        }

        /// <summary>Alice's draft, submitted to the moderators.</summary>
        public async Task<string> SubmittedAsync()
        {
            var id = await DraftAsync();
            using var alice = api.Member(tenant, "alice");
            await alice.OkAsync(Documents.SubmitCampaign, new { id });
            return id;
        }

        /// <summary>A live donation campaign owned by alice (her draft, published by the admin).</summary>
        public async Task<string> AlicesLiveDonationAsync()
        {
            var id = await DraftAsync();
            using var admin = api.Admin(tenant);
            await admin.OkAsync(Documents.PublishCampaign, new { id });
            return id;
        }

        /// <summary>An update alice posted on her live campaign: its id.</summary>
        public async Task<string> AlicesCampaignUpdateAsync()
        {
            var campaign = await AlicesLiveDonationAsync();
            using var alice = api.Member(tenant, "alice");
            return (await alice.OkAsync(CampaignUpdateDocuments.Post, CampaignUpdateDocuments.New(campaign, "Des nouvelles", "Tout avance.")))
                ["postCampaignUpdate"]!["id"]!.GetValue<string>();
        }

        /// <summary>A live donation campaign owned by bob.</summary>
        public async Task<string> LiveDonationAsync()
        {
            using var bob = api.Member(tenant, "bob");
            var id = (await bob.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
            using var admin = api.Admin(tenant);
            await admin.OkAsync(Documents.PublishCampaign, new { id });
            return id;
        }

        /// <summary>A live equity campaign of the tenant: 1,000 shares at 100 EUR.</summary>
        public async Task<string> LiveEquityAsync()
        {
            using var admin = api.Admin(tenant);
            var id = (await admin.OkAsync(Documents.CreateCampaignId, new
            {
                input = new
                {
                    title = "Coopérative solaire",
                    mode = "EQUITY",
                    goal = new { amount = 10_000, currency = "EUR" },
                    endsAt = api.Now.AddDays(10).ToString("O"),
                    maxContribution = 100_000_000,
                    equityOffer = new { sharePrice = 10_000, minRaise = 10_000, maxRaise = 10_000_000, sharesOffered = 1_000, kiis = "kiis/solaire-v1.pdf" },
                },
            }))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id });
            return id;
        }

        /// <summary>Alice's investment of one share, within its reflection period.</summary>
        public async Task<(string Campaign, string Contribution)> InvestmentAsync()
        {
            var id = await LiveEquityAsync();
            using var alice = api.Member(tenant, "alice");
            var contribution = (await alice.OkAsync("mutation($input: InvestInput!) { invest(input: $input) { contribution { id } } }",
                new { input = new { campaignId = id, shares = 1, idempotencyKey = "a1", knowledgeTestPassed = true } }))["invest"]!["contribution"]!["id"]!.GetValue<string>();
            return (id, contribution);
        }

        public async Task<string> MatchCallAsync()
        {
            using var admin = api.Admin(tenant);
            return (await admin.OkAsync("mutation($input: CreateMatchCallInput!) { createMatchCall(input: $input) { id } }",
                new { input = new { name = "Culture", currency = "EUR" } }))["createMatchCall"]!["id"]!.GetValue<string>();
        }

        /// <summary>A vote that opens tomorrow (a draft: its exclusive sets may still change).</summary>
        public async Task<string> DraftVoteAsync()
        {
            using var admin = api.Admin(tenant);
            return (await admin.OkAsync("mutation($input: CreateVoteInput!) { createVote(input: $input) { id } }", new
            {
                input = new
                {
                    title = "Brouillon", ballotType = "APPROVAL", opensAt = api.Now.AddDays(1).ToString("O"), closesAt = api.Now.AddDays(7).ToString("O"),
                    options = new[] { new { title = "A", cost = 100L }, new { title = "B", cost = 100L } },
                    budget = new { amount = 1_000L, currency = "EUR" },
                },
            }))["createVote"]!["id"]!.GetValue<string>();
        }

        public async Task<(string Vote, string Option)> OpenVoteAsync()
        {
            using var admin = api.Admin(tenant);
            var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote(closesAt: api.Now.AddDays(7))))["createVote"]!;
            return (vote["id"]!.GetValue<string>(), vote["options"]![0]!["id"]!.GetValue<string>());
        }
    }

    /// <summary>
    /// Targets that need a campaign past its end, made once per test run in their own tenant: bob's donation
    /// campaign (paid out) with alice's donation and receipt, a loan campaign (succeeded) with alice as
    /// lender, and a draft of alice's.
    /// </summary>
    private sealed record Settled(string Tenant, string Donation, string Contribution, string ReceiptNumber, string DonorName, string Loan, string Draft);

    private sealed class Shared(ClockedApiFixture api)
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static (ClockedApiFixture Fixture, Settled Value)? _settled;

        public async Task<Settled> SettledAsync()
        {
            await Gate.WaitAsync();
            try
            {
                if (_settled is { } done && ReferenceEquals(done.Fixture, api))
                {
                    return done.Value;
                }

                var value = await PrepareAsync();
                _settled = (api, value);
                return value;
            }
            finally
            {
                Gate.Release();
            }
        }

        private async Task<Settled> PrepareAsync()
        {
            var tenant = await api.NewTenantAsync();
            using var admin = api.Admin(tenant);
            using var alice = api.Member(tenant, "alice");
            using var bob = api.Member(tenant, "bob");
            // The pledges below come before the end whatever the load: the fake clock stands still until moved.
            var ends = api.Now.AddMinutes(10);

            await Documents.RegisterApprovedBeneficiaryAsync(bob, admin, World.BeneficiaryInput);
            var donation = (await bob.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000, endsAt: ends)))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id = donation });
            var contribution = (await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = donation, amount = 12_345, idempotencyKey = "a1" } }))
                ["pledge"]!["contribution"]!["id"]!.GetValue<string>();

            var loan = (await admin.OkAsync(Documents.CreateCampaignId, new
            {
                input = new
                {
                    title = "Chaufferie bois",
                    mode = "LOAN",
                    rule = "KEEP_IT_ALL",
                    goal = new { amount = 100_000, currency = "EUR" },
                    endsAt = ends.ToString("O"),
                    loanTerms = new { annualRateBasisPoints = 0, termMonths = 12, firstRepaymentOn = api.Now.UtcDateTime.AddDays(40).ToString("yyyy-MM-dd") },
                },
            }))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id = loan });
            await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = loan, amount = 120_000, idempotencyKey = "l1" } });
            var draft = (await alice.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();

            foreach (var id in new[] { donation, loan })
            {
                await api.EventuallyAfterAsync(ends,
                    async () => (await admin.OkAsync(Documents.Campaign, new { id }))["campaign"]?["status"]?.GetValue<string>(),
                    status => status == "PAID_OUT", $"campaign {id} to be paid out");
            }

            // A moderator by invitation, for the reads of role holders and of the audit log.
            await new AccountMails(api).InvitedAsync(tenant, AccountMails.NewEmail("mod"), Role.Moderator, new Actor(tenant, "admin", Role.Admin));

            const string donor = "Alice Donatrice";
            var number = (await alice.OkAsync(
                "mutation($contributionId: ID!, $donor: DonorInput!) { requestTaxReceipt(contributionId: $contributionId, donor: $donor) { number } }",
                new { contributionId = contribution, donor = new { name = donor, address = "2 rue des Lilas, 31000 Toulouse" } }))["requestTaxReceipt"]!["number"]!.GetValue<string>();
            return new Settled(tenant, donation, contribution, number, donor, loan, draft);
        }
    }
}
