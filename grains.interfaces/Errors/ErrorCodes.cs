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
    /// <summary>
    /// The cluster or the database is down or restarting and nothing was recorded: retry after the <c>Retry-After</c>
    /// delay (HTTP 503). A write may be sent again as it was.
    /// </summary>
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>
    /// An infrastructure fault hit a write after it may have been recorded (a grain call timed out, a silo died
    /// mid-call, a ledger commit whose outcome is unknown): retry after the <c>Retry-After</c> delay (HTTP 503) with
    /// the same idempotency key, which answers the first outcome if it was recorded and records it once if not.
    /// A write without an idempotency key should be read back before it is sent again.
    /// </summary>
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";
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

    /// <summary>The vote has opened (or closed): its options are fixed.</summary>
    public const string VoteStarted = "VOTE_STARTED";

    /// <summary>The idea box has not opened yet, or has closed: no idea, support or withdrawal now.</summary>
    public const string BoxNotOpen = "BOX_NOT_OPEN";

    /// <summary>The member already supports this idea.</summary>
    public const string AlreadySupported = "ALREADY_SUPPORTED";
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

    // Payment webhooks: the provider reads these in the JSON answer (never rename one).

    /// <summary>No payment provider of that name takes webhooks here.</summary>
    public const string UnknownProvider = "UNKNOWN_PROVIDER";

    /// <summary>The webhook signature header is missing, malformed or does not match the body.</summary>
    public const string BadSignature = "BAD_SIGNATURE";

    /// <summary>The webhook was signed outside the tolerance: refused as a replay.</summary>
    public const string StaleEvent = "STALE_EVENT";

    /// <summary>The webhook body is not an event the endpoint understands.</summary>
    public const string MalformedEvent = "MALFORMED_EVENT";

    /// <summary>The webhook names no known payment.</summary>
    public const string UnknownPayment = "UNKNOWN_PAYMENT";

    /// <summary>Not an error: the webhook event was applied.</summary>
    public const string Applied = "APPLIED";

    /// <summary>Not an error: the webhook event was applied before; acknowledged and ignored.</summary>
    public const string Duplicate = "DUPLICATE";

    /// <summary>A request body over the endpoint's byte limit (webhooks).</summary>
    public const string TooLarge = "TOO_LARGE";

    // The GraphQL-over-HTTP transport's own refusals (errors from parsing and validation keep GraphQL.NET's codes).

    /// <summary>A request the transport cannot read (missing query, wrong shape).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>A body or parameter that is not valid JSON.</summary>
    public const string InvalidJson = "INVALID_JSON";

    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>A GraphQL request body over <c>GraphQL:MaxBodyBytes</c>.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>A subscription sent over HTTP (served over WebSocket only).</summary>
    public const string SubscriptionNotSupported = "SUBSCRIPTION_NOT_SUPPORTED";

    /// <summary>More aliases than <c>GraphQL:MaxAliases</c>.</summary>
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";

    /// <summary>A document over <c>GraphQL:MaxComplexity</c>, refused before validation.</summary>
    public const string Complexity = "COMPLEXITY";

    /// <summary>A GraphQL error that carries no code of its own.</summary>
    public const string GraphQLError = "GRAPHQL_ERROR";

    // Census verification and eligibility (issue 10).

    /// <summary>The vote requires a member whose residency is verified against the tenant's census.</summary>
    public const string VerificationRequired = "VERIFICATION_REQUIRED";

    /// <summary>The member is under the vote's minimum age on its opening date.</summary>
    public const string TooYoung = "TOO_YOUNG";

    /// <summary>The census entry was already claimed by another member.</summary>
    public const string CensusEntryTaken = "CENSUS_ENTRY_TAKEN";

    /// <summary>The document number and birth date match no census entry.</summary>
    public const string VerificationFailed = "VERIFICATION_FAILED";

    /// <summary>Too many failed verifications: the member must wait before the next attempt.</summary>
    public const string VerificationLocked = "VERIFICATION_LOCKED";

    // Accounts (issue 10).

    /// <summary>A mailed link's token is unknown, malformed or meant for another purpose.</summary>
    public const string TokenInvalid = "TOKEN_INVALID";

    /// <summary>A mailed link's token was already used (links are single use).</summary>
    public const string TokenUsed = "TOKEN_USED";

    /// <summary>A mailed link's token is past its expiry: ask for a new link.</summary>
    public const string TokenExpired = "TOKEN_EXPIRED";

    /// <summary>A new password breaks a rule (length, the person's name or address in it, a common password).</summary>
    public const string WeakPassword = "WEAK_PASSWORD";

    /// <summary>The current password given to confirm a change is wrong.</summary>
    public const string InvalidCredentials = "INVALID_CREDENTIALS";

    /// <summary>The account is locked after repeated failed sign-ins (unlock by the mailed link, or wait).</summary>
    public const string AccountLocked = "ACCOUNT_LOCKED";

    /// <summary>The tenant's last admin cannot lose the role: invite another admin first.</summary>
    public const string LastAdmin = "LAST_ADMIN";

    // A tenant's branding (issue 13): one code per field, so a form marks the field at fault.

    /// <summary>The tenant's name is empty, over 200 characters, or not one line of valid text.</summary>
    public const string TenantNameInvalid = "TENANT_NAME_INVALID";

    /// <summary>The logo is neither an https URL nor a path on the site (/logo.svg), or over 2 048 characters.</summary>
    public const string LogoUrlInvalid = "LOGO_URL_INVALID";

    /// <summary>The primary colour is not #rrggbb.</summary>
    public const string PrimaryColorInvalid = "PRIMARY_COLOR_INVALID";

    /// <summary>The secondary colour is not #rrggbb.</summary>
    public const string SecondaryColorInvalid = "SECONDARY_COLOR_INVALID";

    /// <summary>A locale the sites are not translated into (fr and en are).</summary>
    public const string LocaleUnsupported = "LOCALE_UNSUPPORTED";

    // A campaign owner's updates to backers (issue 13): one code per field, so the form marks the field at fault.

    /// <summary>The campaign is a draft, in review or rejected: its owner posts updates once it is published.</summary>
    public const string CampaignNotPublic = "CAMPAIGN_NOT_PUBLIC";

    /// <summary>An update's title is empty, over 150 characters, or not one line of valid text.</summary>
    public const string CampaignUpdateTitleInvalid = "CAMPAIGN_UPDATE_TITLE_INVALID";

    /// <summary>An update's text is empty, over 10,000 characters, or holds a NUL, a control character or invalid Unicode.</summary>
    public const string CampaignUpdateBodyInvalid = "CAMPAIGN_UPDATE_BODY_INVALID";
}
