namespace Civic.Grains.Interfaces;

/// <summary>What a text field may hold, beyond its length.</summary>
public enum TextShape
{
    /// <summary>A key or code: only <c>A-Z a-z 0-9 . _ : ~ -</c> (the URL-safe unreserved set plus ':').</summary>
    Key = 0,

    /// <summary>One line of text: any Unicode except control characters (C0, DEL, C1), no line breaks or tabs.</summary>
    Line = 1,

    /// <summary>Text over several lines: as <see cref="Line"/>, but tab, line feed and carriage return are allowed.</summary>
    MultiLine = 2,
}

/// <summary>A kind of text field: its shape and its bounds in UTF-16 characters (a 4-byte character counts 2).</summary>
public sealed record TextRule(TextShape Shape, int MaxLength, int MinLength = 1)
{
    /// <summary>Keys and codes, as <see cref="TextShape.Key"/>.</summary>
    public static TextRule Key(int maxLength) => new(TextShape.Key, maxLength);

    /// <summary>Single-line text that must hold more than blanks.</summary>
    public static TextRule Line(int maxLength) => new(TextShape.Line, maxLength);

    /// <summary>Multi-line text; <paramref name="minLength"/> 0 lets it be empty.</summary>
    public static TextRule MultiLine(int maxLength, int minLength = 1) => new(TextShape.MultiLine, maxLength, minLength);
}

/// <summary>
/// The one table of text limits: every text a command carries is checked against one of these where the
/// command is validated (the grains), so nothing PostgreSQL would refuse (NUL, a lone surrogate) and
/// nothing unbounded gets past the boundary. Lengths count UTF-16 characters.
/// </summary>
public static class TextLimits
{
    /// <summary>Idempotency keys of pledges, investments, pool top-ups and loan repayments.</summary>
    public static readonly TextRule IdempotencyKey = TextRule.Key(128);

    /// <summary>A payment provider's token for a payment method (<c>sbx_card</c>, <c>pm_...</c>).</summary>
    public static readonly TextRule PaymentToken = TextRule.Key(256);

    /// <summary>Ids Civic hands out and gets back: contributions, rewards (r1...), options, members, lenders.</summary>
    public static readonly TextRule Id = TextRule.Key(128);

    /// <summary>A Pabulib project id kept as an option's external id.</summary>
    public static readonly TextRule ExternalId = TextRule.Key(64);

    /// <summary>Campaign and vote titles, reward titles, match call names.</summary>
    public static readonly TextRule Title = TextRule.Line(200);

    /// <summary>A matchfunding call's name.</summary>
    public static readonly TextRule CallName = TextRule.Line(120);

    /// <summary>A tenant's custom host name (a DNS name).</summary>
    public static readonly TextRule Host = TextRule.Key(253);

    /// <summary>A vote option's title (Pabulib project names are cut to it).</summary>
    public static readonly TextRule OptionTitle = TextRule.Line(300);

    /// <summary>A campaign's description; may be empty.</summary>
    public static readonly TextRule Description = TextRule.MultiLine(20_000, minLength: 0);

    /// <summary>A moderator's reason or note on a campaign.</summary>
    public static readonly TextRule Reason = TextRule.MultiLine(2_000);

    /// <summary>An idea's title (CONSUL and Decidim keep them short too).</summary>
    public static readonly TextRule IdeaTitle = TextRule.Line(150);

    /// <summary>An idea's text: a Markdown subset, sanitised when shown.</summary>
    public static readonly TextRule IdeaBody = TextRule.MultiLine(5_000);

    /// <summary>A comment's text: a Markdown subset, sanitised like an idea's.</summary>
    public static readonly TextRule CommentBody = TextRule.MultiLine(1_000);

    /// <summary>A campaign update's title: one line, as an idea's title.</summary>
    public static readonly TextRule CampaignUpdateTitle = TextRule.Line(150);

    /// <summary>A campaign update's text: a Markdown subset, sanitised once when written (as an idea's or a comment's).</summary>
    public static readonly TextRule CampaignUpdateBody = TextRule.MultiLine(10_000);

    /// <summary>An idea box's brief: Markdown, sanitised when shown.</summary>
    public static readonly TextRule IdeaBoxBrief = TextRule.MultiLine(20_000);

    /// <summary>A vote's district name.</summary>
    public static readonly TextRule District = TextRule.Line(100);

    /// <summary>A paper ballot's voter reference (a polling station's own numbering).</summary>
    public static readonly TextRule VoterRef = TextRule.Line(128);

    /// <summary>People's and organisations' names: tenants, donors, receipt beneficiaries.</summary>
    public static readonly TextRule Name = TextRule.Line(200);

    /// <summary>A postal address (several lines).</summary>
    public static readonly TextRule Address = TextRule.MultiLine(500);

    /// <summary>A receipt beneficiary's purpose (its object, as printed on receipts).</summary>
    public static readonly TextRule Purpose = TextRule.MultiLine(1_000);

    /// <summary>A tenant category's label.</summary>
    public static readonly TextRule CategoryLabel = TextRule.Line(100);

    /// <summary>URLs (a tenant's logo) and document references (an equity offer's KIIS).</summary>
    public static readonly TextRule Url = TextRule.Line(2_048);

    /// <summary>A webhook event's id, payment reference and contribution id.</summary>
    public static readonly TextRule WebhookField = TextRule.Key(256);

    /// <summary>A webhook event's failure reason.</summary>
    public static readonly TextRule WebhookReason = TextRule.Line(256);

    /// <summary>A Pabulib file's text (its size is bounded by the import reader).</summary>
    public static readonly TextRule PabulibFile = TextRule.MultiLine(int.MaxValue);

    /// <summary>A census CSV (its size is bounded by the GraphQL body limit).</summary>
    public static readonly TextRule CensusFile = TextRule.MultiLine(int.MaxValue);

    /// <summary>A national id or document number as a member types it (spaces, dots and hyphens are dropped).</summary>
    public static readonly TextRule DocumentNumber = TextRule.Line(64);

    /// <summary>An e-mail address as typed (RFC 5321 bounds a path to 254 characters).</summary>
    public static readonly TextRule Email = TextRule.Line(254);

    /// <summary>A password: 10 to 200 characters of one line (any Unicode but controls).</summary>
    public static readonly TextRule Password = new(TextShape.Line, 200, 10);

    /// <summary>A mailed link's token (base64url of 32 random bytes is 43 characters).</summary>
    public static readonly TextRule Token = TextRule.Key(128);

    /// <summary>A member's display name (their own name or a pseudonym).</summary>
    public static readonly TextRule DisplayName = TextRule.Line(100);

    /// <summary>The key of a tenant's upstream sign-in provider (a-z, digits, hyphens; checked further where it is configured).</summary>
    public static readonly TextRule ExternalProviderKey = TextRule.Key(40);

    /// <summary>The subject (sub) an upstream provider gives a person: OpenID Connect bounds it to 255 ASCII characters.</summary>
    public static readonly TextRule ExternalSubject = TextRule.Line(255);
}

/// <summary>The bounds of every list a command carries.</summary>
public static class ListLimits
{
    /// <summary>Options of a vote (Wrocław's 220 projects fit; pabulib imports too).</summary>
    public const int VoteOptions = 1_000;

    /// <summary>Rows of one census upload.</summary>
    public const int CensusEntries = 500_000;

    /// <summary>Sets of mutually exclusive projects of a greedy-exclusive vote.</summary>
    public const int VoteExclusiveSets = 200;

    /// <summary>Districts of a vote.</summary>
    public const int VoteDistricts = 100;

    /// <summary>Categories of an idea box.</summary>
    public const int IdeaBoxCategories = 50;

    /// <summary>Districts of an idea box.</summary>
    public const int IdeaBoxDistricts = 200;

    /// <summary>Choices (and points) on one ballot: never more than the vote's options.</summary>
    public const int BallotChoices = VoteOptions;

    /// <summary>Paper ballots in one <c>recordPaperBallots</c> call (an import records its file's ballots in batches).</summary>
    public const int PaperBallotsPerCall = 10_000;

    /// <summary>Rewards of a campaign.</summary>
    public const int CampaignRewards = 50;

    /// <summary>Campaign categories a tenant declares.</summary>
    public const int TenantCategories = 50;

    /// <summary>Custom host names of a tenant.</summary>
    public const int TenantCustomHosts = 20;
}

/// <summary>Checks texts and lists against <see cref="TextLimits"/> and <see cref="ListLimits"/>; pure, no I/O.</summary>
public static class TextRules
{
    /// <summary>Why <paramref name="value"/> breaks <paramref name="rule"/>, or null when it is fine.</summary>
    public static string? Problem(string? value, TextRule rule)
    {
        if (value is null)
        {
            return "is required";
        }

        if (value.Length > rule.MaxLength || value.Length < rule.MinLength)
        {
            return rule.MinLength == rule.MaxLength
                ? $"must be {rule.MaxLength} characters"
                : $"must be {rule.MinLength} to {rule.MaxLength} characters";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (rule.Shape == TextShape.Key)
            {
                if (!IsKeyChar(c))
                {
                    return "may hold only letters A-Z a-z, digits and . _ : ~ -";
                }

                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return "holds an unpaired surrogate (not valid Unicode)";
            }

            if (char.IsLowSurrogate(c))
            {
                return "holds an unpaired surrogate (not valid Unicode)";
            }

            if (c == '\0')
            {
                return "holds a NUL character";
            }

            if (char.IsControl(c) && !(rule.Shape == TextShape.MultiLine && c is '\t' or '\n' or '\r'))
            {
                return rule.Shape == TextShape.Line
                    ? "must be one line without control characters"
                    : "holds a control character";
            }
        }

        if (rule.Shape != TextShape.Key && rule.MinLength > 0 && string.IsNullOrWhiteSpace(value))
        {
            return "must not be blank";
        }

        return null;
    }

    /// <summary>True when <paramref name="value"/> obeys <paramref name="rule"/>.</summary>
    public static bool IsValid(string? value, TextRule rule) => Problem(value, rule) is null;

    /// <summary>Throws VALIDATION naming <paramref name="field"/> unless <paramref name="value"/> obeys <paramref name="rule"/>.</summary>
    public static void Require(string field, string? value, TextRule rule)
    {
        if (Problem(value, rule) is { } problem)
        {
            throw new CivicException(ErrorCodes.Validation, $"{field} {problem}.");
        }
    }

    /// <summary>As <see cref="Require"/>, but null (an omitted optional field) is fine.</summary>
    public static void Optional(string field, string? value, TextRule rule)
    {
        if (value is not null)
        {
            Require(field, value, rule);
        }
    }

    /// <summary>Throws VALIDATION naming <paramref name="field"/> when a list holds more than <paramref name="max"/> items.</summary>
    public static void RequireCount(string field, int count, int max)
    {
        if (count > max)
        {
            throw new CivicException(ErrorCodes.Validation, $"{field} holds {count} items; at most {max} are allowed.");
        }
    }

    /// <summary>Cuts <paramref name="value"/> to at most <paramref name="length"/> characters, never inside a surrogate pair.</summary>
    public static string Truncate(string value, int length)
    {
        if (value.Length <= length)
        {
            return value;
        }

        var cut = length - 1;
        if (cut > 0 && char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return value[..cut] + "…";
    }

    /// <summary>Turns a text from a file into one line: every control character becomes a space.</summary>
    public static string ToLine(string value) =>
        value.Any(char.IsControl) ? new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]) : value;

    /// <summary>The key alphabet: <c>A-Z a-z 0-9 . _ : ~ -</c>.</summary>
    public static bool IsKeyChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or ':' or '~' or '-';
}
