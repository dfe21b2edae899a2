namespace Civic.Tests.Api;

/// <summary>The GraphQL documents the tests send, written as a front-end would.</summary>
public static class Documents
{
    public const string CampaignFields = "id title status mode goal { amount currency } raised { amount currency } backers contributions endsAt";

    public const string CreateCampaign = $$"""
        mutation Create($input: CreateCampaignInput!) {
          createCampaign(input: $input) { {{CampaignFields}} }
        }
        """;

    public const string PublishCampaign = $$"""
        mutation Publish($id: ID!) { publishCampaign(id: $id) { {{CampaignFields}} } }
        """;

    /// <summary>A campaign created for its id (and status) only: for tests about what comes after, or what is refused.</summary>
    public const string CreateCampaignId = """
        mutation CreateId($input: CreateCampaignInput!) { createCampaign(input: $input) { id status } }
        """;

    public const string SubmitCampaign = "mutation Submit($id: ID!) { submitCampaign(id: $id) { id status } }";

    public const string ApproveCampaign = "mutation Approve($id: ID!, $note: String) { approveCampaign(id: $id, note: $note) { id status } }";

    public const string RejectCampaign = "mutation Reject($id: ID!, $reason: String!) { rejectCampaign(id: $id, reason: $reason) { id status } }";

    public const string RequestCampaignChanges = "mutation Changes($id: ID!, $reason: String!) { requestCampaignChanges(id: $id, reason: $reason) { id status } }";

    public const string Pledge = """
        mutation Pledge($input: PledgeInput!) {
          pledge(input: $input) { contribution { id amount { amount currency } } raised { amount } replayed }
        }
        """;

    public const string Campaign = $$"""
        query Campaign($id: ID!) { campaign(id: $id) { {{CampaignFields}} } }
        """;

    public const string VoteFields = "id title status ballotType minChoices maxChoices options { id title cost votes } ballots hasVoted results { selected { id } allocated leftOver }";

    public const string CreateVote = $$"""
        mutation CreateVote($input: CreateVoteInput!) { createVote(input: $input) { {{VoteFields}} } }
        """;

    public const string CastBallot = """
        mutation Cast($input: CastBallotInput!) { castBallot(input: $input) { voteId ballots } }
        """;

    public const string CloseVote = $$"""
        mutation Close($id: ID!) { closeVote(id: $id) { {{VoteFields}} } }
        """;

    public const string Vote = $$"""
        query Vote($id: ID!) { vote(id: $id) { {{VoteFields}} } }
        """;

    public const string RegistrationFields = "id name siren rna status revision submittedAt reviewedBy reviewedAt reviewReason";

    public const string SetReceiptBeneficiary = $$"""
        mutation SetBeneficiary($input: BeneficiaryInput!) { setReceiptBeneficiary(input: $input) { {{RegistrationFields}} } }
        """;

    public const string ApproveReceiptBeneficiary = $$"""
        mutation Review($id: String!, $revision: Int!, $approve: Boolean!, $reason: String) {
          approveReceiptBeneficiary(id: $id, revision: $revision, approve: $approve, reason: $reason) { {{RegistrationFields}} }
        }
        """;

    public const string ReceiptBeneficiaries = $$"""
        query Beneficiaries($status: BeneficiaryStatus) { receiptBeneficiaries(status: $status) { {{RegistrationFields}} } }
        """;

    /// <summary>
    /// The owner registers a receipt identity and a tenant admin approves it, as a tenant does before its
    /// campaigns' donors get receipts. Answers the approved registration.
    /// </summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> RegisterApprovedBeneficiaryAsync(GraphQLClient owner, GraphQLClient admin, object input)
    {
        var registered = (await owner.OkAsync(SetReceiptBeneficiary, new { input }))["setReceiptBeneficiary"]!;
        return (await admin.OkAsync(ApproveReceiptBeneficiary, new
        {
            id = registered["id"]!.GetValue<string>(),
            revision = registered["revision"]!.GetValue<int>(),
            approve = true,
        }))["approveReceiptBeneficiary"]!;
    }

    public static object NewCampaign(long goal = 100_000, string rule = "ALL_OR_NOTHING", DateTimeOffset? endsAt = null) => new
    {
        input = new
        {
            title = "Jardin partagé",
            description = "Des bacs et des outils",
            rule,
            goal = new { amount = goal, currency = "EUR" },
            endsAt = (endsAt ?? DateTimeOffset.UtcNow.AddDays(10)).ToString("O"),
            minContribution = 100,
            maxContribution = 100_000,
        },
    };

    public static object NewVote(string ballotType = "APPROVAL", int min = 1, int max = 3, long? budget = 1_000_000, DateTimeOffset? closesAt = null,
        bool liveTallies = false) => new
    {
        input = new
        {
            title = "Budget participatif",
            ballotType,
            minChoices = min,
            maxChoices = max,
            options = new[]
            {
                new { title = "Pistes cyclables", cost = 600_000L },
                new { title = "Aire de jeux", cost = 300_000L },
                new { title = "Fontaines", cost = 200_000L },
                new { title = "Jardin", cost = 500_000L },
                new { title = "Éclairage", cost = 100_000L },
            },
            budget = budget is { } b ? new { amount = b, currency = "EUR" } : null,
            closesAt = (closesAt ?? DateTimeOffset.UtcNow.AddDays(7)).ToString("O"),
            liveTallies,
        },
    };
}

/// <summary>The account documents (issue 10), as the front-end's account pages send them.</summary>
public static class AccountDocuments
{
    public const string Register = """
        mutation Register($email: String!, $password: String!, $displayName: String!, $locale: String!) {
          register(email: $email, password: $password, displayName: $displayName, locale: $locale)
        }
        """;

    public const string ResendConfirmation = "mutation Resend($email: String!) { resendConfirmation(email: $email) }";

    public const string ConfirmEmail = "mutation Confirm($token: String!) { confirmEmail(token: $token) { id email emailConfirmed } }";

    public const string RequestPasswordReset = "mutation Reset($email: String!) { requestPasswordReset(email: $email) }";

    public const string ResetPassword = "mutation NewPassword($token: String!, $p: String!) { resetPassword(token: $token, newPassword: $p) { id } }";

    public const string UnlockAccount = "mutation Unlock($token: String!) { unlockAccount(token: $token) { id } }";

    public const string ChangeEmail = "mutation ChangeEmail($e: String!, $p: String!) { changeEmail(newEmail: $e, currentPassword: $p) }";

    public const string ConfirmEmailChange = "mutation ConfirmChange($token: String!) { confirmEmailChange(token: $token) { id email } }";

    public const string MyAccount = "{ myAccount { id email displayName locale role emailConfirmed } }";

    public const string InviteTenantAdmin = "mutation($t: String!, $e: String!) { inviteTenantAdmin(tenant: $t, email: $e) }";

    public const string InviteToRole = "mutation($e: String!, $r: Role!) { inviteToRole(email: $e, role: $r) }";

    public const string AcceptInvitation = """
        mutation($token: String!, $p: String, $n: String, $l: String) {
          acceptInvitation(token: $token, password: $p, displayName: $n, locale: $l) { id email role emailConfirmed }
        }
        """;

    public const string RemoveRole = "mutation($id: ID!) { removeRole(accountId: $id) { id role } }";

    public const string RoleHolders = "{ roleHolders { id email role displayName } }";

    public const string AuditLog = """
        query($first: Int, $after: String) {
          auditLog(first: $first, after: $after) { totalCount edges { cursor node { at actorId action target details } } pageInfo { hasNextPage endCursor } }
        }
        """;

    /// <summary>A password that passes every rule.</summary>
    public const string GoodPassword = "Vélo-rouge sous la pluie 42";
}
