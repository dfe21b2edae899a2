using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Civic.Grains.Interfaces;
using Npgsql;
using Orleans.Concurrency;

namespace Civic.Grains.Receipts;

/// <summary>
/// See <see cref="ITaxReceiptDeskGrain"/>. Reads the ledger (<c>civic_contributions</c>) and the
/// receipts table directly; the campaign's status comes from its grain. Whether a donation counts
/// (and so may be receipted or listed) is the view <c>civic_counted_contributions</c>'s answer, the one
/// definition of what counts.
/// </summary>
[StatelessWorker]
public sealed class TaxReceiptDeskGrain(NpgsqlDataSource db) : Grain, ITaxReceiptDeskGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    private BeneficiaryRegistry Beneficiaries => new(db, Tenant);

    public async Task<BeneficiaryRegistration> SetBeneficiaryAsync(BeneficiaryProfile profile, Actor actor)
    {
        EnsureTenant(actor);
        TaxReceiptRules.ValidateTexts(profile);
        var siren = string.IsNullOrWhiteSpace(profile.Siren) ? null : profile.Siren.Trim();
        var rna = string.IsNullOrWhiteSpace(profile.Rna) ? null : profile.Rna.Trim();
        if (!TaxReceiptRules.IsValidSiren(siren) && !TaxReceiptRules.IsValidRna(rna))
        {
            throw new CivicException(ErrorCodes.Validation, "A valid SIREN or RNA number is required.");
        }

        if (string.IsNullOrWhiteSpace(profile.Name) || string.IsNullOrWhiteSpace(profile.Address) || string.IsNullOrWhiteSpace(profile.Purpose))
        {
            throw new CivicException(ErrorCodes.Validation, "The beneficiary's name, address and purpose are required.");
        }

        return await Beneficiaries.RegisterAsync(
            new ReceiptBeneficiary(actor.UserId, profile.Name.Trim(), profile.Address.Trim(), siren, rna, profile.Purpose.Trim()));
    }

    public async Task<BeneficiaryRegistration?> GetOwnBeneficiaryAsync(Actor actor)
    {
        EnsureTenant(actor);
        return await Beneficiaries.FindAsync(actor.UserId);
    }

    public async Task<BeneficiaryRegistration> ReviewBeneficiaryAsync(ReviewBeneficiary review, Actor actor)
    {
        EnsureAdmin(actor, "Only the tenant's admins review receipt beneficiaries.");
        TextRules.Optional("reason", review.Reason, TextLimits.Reason);
        var reason = string.IsNullOrWhiteSpace(review.Reason) ? null : review.Reason.Trim();
        if (!review.Approve && reason is null)
        {
            throw new CivicException(ErrorCodes.Validation, "A rejection needs a reason (the member reads it).");
        }

        if (await Beneficiaries.ReviewAsync(review with { Reason = reason }, actor.UserId) is { } reviewed)
        {
            return reviewed;
        }

        var current = await Beneficiaries.FindAsync(review.BeneficiaryId)
            ?? throw new CivicException(ErrorCodes.NotFound, "No such receipt beneficiary.");
        if (current.Revision != review.Revision)
        {
            throw new CivicException(ErrorCodes.InvalidTransition,
                $"The identity changed since revision {review.Revision}: review revision {current.Revision}.");
        }

        return current; // this revision already has this decision
    }

    public async Task<ImmutableArray<BeneficiaryRegistration>> ListBeneficiariesAsync(BeneficiaryStatus? status, int? first, Actor actor)
    {
        EnsureAdmin(actor, "Only the tenant's admins list receipt beneficiaries.");
        return await Beneficiaries.ListAsync(status ?? BeneficiaryStatus.Pending, Math.Clamp(first ?? TaxReceiptDesk.MaxListed, 1, TaxReceiptDesk.MaxListed));
    }

    public async Task<TaxReceipt> RequestAsync(string contributionId, ReceiptDonor donor, Actor actor)
    {
        EnsureTenant(actor);
        TextRules.Require("The contribution id", contributionId, TextLimits.Id);
        TaxReceiptRules.ValidateTexts(donor);
        var contribution = await ContributionAsync(contributionId);
        if (contribution is null || contribution.Value.MemberId != actor.UserId)
        {
            throw new CivicException(ErrorCodes.NotFound, "No such contribution of yours.");
        }

        var (campaignId, memberId, amount, currency, createdAt, paid) = contribution.Value;
        if (!paid)
        {
            throw new CivicException(ErrorCodes.ReceiptNotAllowed, "Only a donation whose payment is confirmed (not pending, failed or refunded) gets a receipt.");
        }

        var campaign = await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Compound(Tenant, campaignId)).GetAsync(actor)
            ?? throw new CivicException(ErrorCodes.NotFound, "No such campaign.");

        // A receipt already issued is returned as it is, whatever the campaign became since.
        if (await TaxReceiptGrain.FindAsync(db, Tenant, contributionId) is { } existing)
        {
            return existing;
        }

        TaxReceiptRules.EnsureCanIssue(campaign.Mode, campaign.Status, PaymentStatus.Confirmed, alreadyIssued: false);
        var registration = await Beneficiaries.FindAsync(campaign.OwnerId)
            ?? throw new CivicException(ErrorCodes.ReceiptNotAllowed, "The campaign's owner has not registered the SIREN or RNA its receipts need.");
        if (registration.Status != BeneficiaryStatus.Approved)
        {
            throw new CivicException(ErrorCodes.BeneficiaryNotApproved, registration.Status == BeneficiaryStatus.Rejected
                ? "The tenant's admins rejected the identity the campaign's owner registered for its receipts."
                : "The identity the campaign's owner registered for its receipts waits for the tenant's admins to approve it.");
        }

        var beneficiary = registration.Identity;
        var donatedOn = ReceiptCalendar.DayOf(createdAt);
        var donorClean = new ReceiptDonor(donor.Name.Trim(), donor.Address.Trim(),
            string.IsNullOrWhiteSpace(donor.CompanySiren) ? null : donor.CompanySiren.Trim());
        return await GrainFactory.GetGrain<ITaxReceiptGrain>(TaxReceiptKeys.For(Tenant, beneficiary.Id, donatedOn.Year))
            .IssueAsync(new IssueTaxReceipt(contributionId, campaignId, memberId, new Money(amount, currency), donatedOn,
                beneficiary, donorClean, campaign.AidToPeopleInDifficulty));
    }

    public async Task<string> RenderHtmlAsync(string number, string? beneficiaryId, Actor actor)
    {
        EnsureTenant(actor);
        var admin = actor.IsAtLeast(Role.Admin);
        await using var command = db.CreateCommand("""
            select receipt::text from civic_tax_receipts
            where tenant = $1 and number = $2 and ($3::text is null or beneficiary_id = $3) and ($4 or member_id = $5)
            limit 2
            """);
        Add(command, Tenant, number, (object?)beneficiaryId ?? DBNull.Value, admin, actor.UserId);
        var found = new List<TaxReceipt>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found.Add(JsonSerializer.Deserialize<TaxReceipt>(reader.GetString(0), TaxReceiptGrain.Json)!);
            }
        }

        return found.Count switch
        {
            0 => throw new CivicException(ErrorCodes.NotFound, "No such receipt of yours."),
            1 => TaxReceiptHtml.Render(found[0]),
            _ => throw new CivicException(ErrorCodes.Validation, "Several beneficiaries use this number: add ?beneficiary=<id>."),
        };
    }

    public async Task<string> ReceiptsCsvAsync(string? beneficiaryId, Actor actor)
    {
        EnsureTenant(actor);
        if (!actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Receipts are listed for the tenant's admins.");
        }

        await using var command = db.CreateCommand("""
            select receipt::text from civic_tax_receipts
            where tenant = $1 and ($2::text is null or beneficiary_id = $2)
            order by beneficiary_id, year, seq
            """);
        Add(command, Tenant, (object?)beneficiaryId ?? DBNull.Value);
        var receipts = new List<TaxReceipt>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            receipts.Add(JsonSerializer.Deserialize<TaxReceipt>(reader.GetString(0), TaxReceiptGrain.Json)!);
        }

        return DonorCsv.Write(receipts);
    }

    /// <summary>
    /// Receipt holders appear with the name and address on their receipt; donors without a receipt
    /// appear only as "member:{id}" (the opaque account id, no name or address), with empty receipt columns.
    /// </summary>
    public async Task<string> DonorsCsvAsync(string campaignId, Actor actor)
    {
        EnsureTenant(actor);
        var campaign = await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Compound(Tenant, campaignId)).GetAsync(actor)
            ?? throw new CivicException(ErrorCodes.NotFound, "No such campaign.");
        if (!actor.IsAtLeast(Role.Admin) && campaign.OwnerId != actor.UserId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "The donor list is for the campaign's owner and the tenant's admins.");
        }

        await using var command = db.CreateCommand("""
            select c.contribution_id, c.member_id, c.amount, c.currency, c.created_at, r.receipt::text
            from civic_counted_contributions c
            left join civic_tax_receipts r on r.tenant = c.tenant and r.contribution_id = c.contribution_id
            where c.tenant = $1 and c.campaign_id = $2
            order by c.seq
            """);
        Add(command, Tenant, campaignId);
        var receipted = new List<TaxReceipt>();
        var others = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(5))
            {
                receipted.Add(JsonSerializer.Deserialize<TaxReceipt>(reader.GetString(5), TaxReceiptGrain.Json)!);
                continue;
            }

            var amount = reader.GetInt64(2);
            var donatedOn = ReceiptCalendar.DayOf(reader.GetFieldValue<DateTimeOffset>(4));
            string[] cells =
            [
                "", reader.GetString(0), donatedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "member:" + reader.GetString(1), "", "", $"{amount / 100}.{amount % 100:D2}", reader.GetString(3).Trim(),
                nameof(DonationPaymentMethod.TransferDirectDebitOrCard), "", "",
            ];
            others.Append(string.Join(',', cells.Select(DonorCsv.Cell))).Append("\r\n");
        }

        return DonorCsv.Write(receipted) + others;
    }

    private void EnsureTenant(Actor actor)
    {
        if (actor.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Your token was issued for another tenant.");
        }
    }

    private void EnsureAdmin(Actor actor, string message)
    {
        EnsureTenant(actor);
        if (!actor.IsAtLeast(Role.Admin) || actor.Role == Role.Operator)
        {
            throw new CivicException(ErrorCodes.Forbidden, message);
        }
    }

    private async Task<(string CampaignId, string MemberId, long Amount, string Currency, DateTimeOffset CreatedAt, bool Paid)?> ContributionAsync(string contributionId)
    {
        await using var command = db.CreateCommand("""
            select c.campaign_id, c.member_id, c.amount, c.currency, c.created_at, k.id is not null
            from civic_contributions c
            left join civic_counted_contributions k on k.id = c.id
            where c.tenant = $1 and c.contribution_id = $2
            """);
        Add(command, Tenant, contributionId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3).Trim(), reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5))
            : null;
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }
}
