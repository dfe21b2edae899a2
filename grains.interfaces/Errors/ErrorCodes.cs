namespace Civic.Grains.Interfaces;

/// <summary>Stable error codes. Front-ends switch on these: never rename one.</summary>
public static class ErrorCodes
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string Forbidden = "FORBIDDEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string TenantRequired = "TENANT_REQUIRED";
    public const string TenantDisabled = "TENANT_DISABLED";
    public const string InvalidTransition = "INVALID_TRANSITION";
    public const string CampaignNotLive = "CAMPAIGN_NOT_LIVE";
    public const string CampaignClosed = "CAMPAIGN_CLOSED";
    public const string AmountTooLow = "AMOUNT_TOO_LOW";
    public const string AmountTooHigh = "AMOUNT_TOO_HIGH";
    public const string CurrencyMismatch = "CURRENCY_MISMATCH";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string VoteNotOpen = "VOTE_NOT_OPEN";
    public const string VoteClosed = "VOTE_CLOSED";
    public const string AlreadyVoted = "ALREADY_VOTED";
    public const string BallotTooFew = "BALLOT_TOO_FEW";
    public const string BallotTooMany = "BALLOT_TOO_MANY";
    public const string BallotUnknownProject = "BALLOT_UNKNOWN_PROJECT";
    public const string BallotDuplicateChoice = "BALLOT_DUPLICATE_CHOICE";
    public const string Unavailable = "UNAVAILABLE";
    public const string Internal = "INTERNAL";
    public const string BallotOverBudget = "BALLOT_OVER_BUDGET";
    public const string BallotUnderMinimum = "BALLOT_UNDER_MINIMUM";
    public const string BallotTooManyPoints = "BALLOT_TOO_MANY_POINTS";
    public const string BallotInvalidGrade = "BALLOT_INVALID_GRADE";
    public const string DistrictRequired = "DISTRICT_REQUIRED";
    public const string NotYourDistrict = "NOT_YOUR_DISTRICT";
    public const string SecondDistrictUsed = "SECOND_DISTRICT_USED";
    public const string InvalidFile = "INVALID_FILE";
    public const string VoteNotClosed = "VOTE_NOT_CLOSED";
    public const string RewardUnavailable = "REWARD_UNAVAILABLE";
    public const string SharesUnavailable = "SHARES_UNAVAILABLE";
    public const string LenderCapExceeded = "LENDER_CAP_EXCEEDED";
    public const string OwnerCapExceeded = "OWNER_CAP_EXCEEDED";
    public const string KnowledgeTestRequired = "KNOWLEDGE_TEST_REQUIRED";
    public const string RiskAcknowledgementRequired = "RISK_ACKNOWLEDGEMENT_REQUIRED";
    public const string RevocationPeriodOver = "REVOCATION_PERIOD_OVER";
    public const string ReceiptNotAllowed = "RECEIPT_NOT_ALLOWED";
    public const string ReceiptAlreadyIssued = "RECEIPT_ALREADY_ISSUED";

    /// <summary>A member has created as many of something as the tenant allows (drafts, votes, pools...).</summary>
    public const string QuotaExceeded = "QUOTA_EXCEEDED";

    /// <summary>Too many requests from this client, member or tenant: retry after the <c>Retry-After</c> delay.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>A GraphQL document over the token, node or length limits, refused before validation.</summary>
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";

    /// <summary>A receipt beneficiary identity that a tenant admin has not approved yet.</summary>
    public const string BeneficiaryNotApproved = "BENEFICIARY_NOT_APPROVED";

    /// <summary>The database refused this entry (a constraint or check): it was not written and retrying will not help.</summary>
    public const string Rejected = "REJECTED";
}
