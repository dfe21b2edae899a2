using Civic.Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Census;

/// <summary>
/// The census of one tenant (keyed by its slug). The only writer of its claims and attempts, so the
/// answers it keeps in memory stay right; the tables' keys still hold the rules if two activations met.
/// Document numbers are hashed as soon as they arrive and never logged.
/// </summary>
public sealed class CensusGrain(CensusStore store, DomainClock time, ILogger<CensusGrain> logger) : Grain, ICensusGrain
{
    private readonly Dictionary<string, CensusVerification> _verifications = new(StringComparer.Ordinal);
    private byte[]? _key;

    private string Tenant => this.GetPrimaryKeyString();

    public async Task<CensusUpload> UploadAsync(string csv, bool replace, Actor actor)
    {
        if (!actor.IsAtLeast(Role.Admin) || actor.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin can upload the census.");
        }

        var now = time.GetUtcNow();
        var rows = CensusRules.Parse(csv, await KeyAsync(), Tenant, DateOnly.FromDateTime(now.UtcDateTime));
        var (added, removed, entries) = await store.UpsertEntriesAsync(Tenant, rows, now, replace);

        // An entry's district or birth date may have changed, or it left the roll: claimed members are read again when next asked.
        _verifications.Clear();
        logger.LogInformation("Census of {Tenant}: {Rows} rows uploaded by {Admin} ({Mode}), {Added} new, {Removed} removed, {Entries} in all",
            Tenant, rows.Count, actor.UserId, replace ? "replacing the roll" : "adding", added, removed, entries);
        return new CensusUpload(rows.Count, added, entries, removed);
    }

    public async Task<CensusVerification> VerifyAsync(string documentNumber, DateOnly birthDate, Actor actor)
    {
        if (!actor.IsTenantRole || actor.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Members verify their residency in their own tenant.");
        }

        var number = NumberOf(documentNumber);
        if ((await GetVerificationAsync(actor.UserId)).Verified)
        {
            throw new CivicException(ErrorCodes.AlreadyExists, "Your residency is already verified.");
        }

        var now = time.GetUtcNow();
        var (failures, lockedUntil) = await store.AttemptsAsync(Tenant, actor.UserId);
        if (lockedUntil is { } until && until > now)
        {
            throw Locked(until);
        }

        var (hash, entry) = await MatchAsync(number, birthDate);
        if (entry is not { } found)
        {
            await FailAsync(actor.UserId, failures, now);
            throw new CivicException(ErrorCodes.VerificationFailed, "No census entry has this document number and birth date.");
        }

        if (!await store.TryClaimAsync(Tenant, hash, actor.UserId, now))
        {
            // Someone else's data: counted like a failure, so taken entries cannot be probed freely either.
            await FailAsync(actor.UserId, failures, now);
            logger.LogWarning("Census of {Tenant}: member {Member} tried to claim an entry another member holds", Tenant, actor.UserId);
            throw new CivicException(ErrorCodes.CensusEntryTaken,
                "This census entry is already claimed by another account; contact the city if it is yours.");
        }

        if (failures > 0)
        {
            await store.SetAttemptsAsync(Tenant, actor.UserId, 0, null);
        }

        var verification = new CensusVerification(true, found.BirthDate, found.District, now);
        _verifications[actor.UserId] = verification;
        return verification;
    }

    public async Task<InPersonClaim> ClaimInPersonAsync(string documentNumber, DateOnly birthDate, Actor officer)
    {
        RequireOfficer(officer);
        var number = NumberOf(documentNumber);
        var now = time.GetUtcNow();
        var officerKey = CensusRules.OfficerAttemptsKey(officer.UserId);
        var (failures, lockedUntil) = await store.AttemptsAsync(Tenant, officerKey);
        if (lockedUntil is { } until && until > now)
        {
            throw Locked(until);
        }

        var (hash, entry) = await MatchAsync(number, birthDate);
        if (entry is null)
        {
            // An officer mistypes now and then; a run of misses without a match is someone walking the roll.
            var wait = CensusRules.OfficerWaitAfter(failures + 1);
            await store.SetAttemptsAsync(Tenant, officerKey, failures + 1, now + wait);
            logger.LogWarning("Census of {Tenant}: officer {Officer} looked up an entry that does not match ({Failures} misses in a row)",
                Tenant, officer.UserId, failures + 1);
            throw new CivicException(ErrorCodes.VerificationFailed, "No census entry has this document number and birth date.");
        }

        if (failures > 0)
        {
            await store.SetAttemptsAsync(Tenant, officerKey, 0, null);
        }

        var voterId = CensusRules.InPersonVoterId(hash);
        var claimed = await store.TryClaimAsync(Tenant, hash, voterId, now);
        if (!claimed && await store.ClaimantAsync(Tenant, hash) != voterId)
        {
            logger.LogWarning("Census of {Tenant}: officer {Officer} asked for an entry a member account holds", Tenant, officer.UserId);
            throw new CivicException(ErrorCodes.CensusEntryTaken,
                "This census entry is already claimed by an account: this person votes online, not in person.");
        }

        _verifications.Remove(voterId);
        return new InPersonClaim(voterId, await GetVerificationAsync(voterId), claimed);
    }

    public async Task ReleaseInPersonAsync(string voterId, Actor officer)
    {
        RequireOfficer(officer);
        await store.ReleaseInPersonAsync(Tenant, voterId);
        _verifications.Remove(voterId);
    }

    public Task<int> ResidentsAsync() => store.EntriesAsync(Tenant);

    public async Task<CensusVerification> AttestAsync(string memberId, string provider, string subject, VouchedResidency residency)
    {
        ArgumentNullException.ThrowIfNull(residency);
        TextRules.Require("provider", provider, TextLimits.ExternalProviderKey);
        TextRules.Require("subject", subject, TextLimits.ExternalSubject);
        var district = residency.District is { } d && TextRules.IsValid(d, TextLimits.District) ? d : null;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var birthDate = residency.BirthDate is { } b && b <= today && b.Year >= 1900 ? b : (DateOnly?)null;
        if (!await store.AttestAsync(Tenant, memberId, provider, subject, new VouchedResidency(birthDate, district), time.GetUtcNow()))
        {
            logger.LogWarning("Census of {Tenant}: {Provider} vouched for {Member} with an identity that already verified another account, or another identity verified it: ignored",
                Tenant, provider, memberId);
        }

        _verifications.Remove(memberId);
        return await GetVerificationAsync(memberId);
    }

    public async Task<CensusVerification> GetVerificationAsync(string memberId)
    {
        if (_verifications.TryGetValue(memberId, out var known))
        {
            return known;
        }

        var verification = await store.VerificationAsync(Tenant, memberId);
        _verifications[memberId] = verification;
        return verification;
    }

    /// <summary>The typed document number, checked and normalised (the form its hash is taken of).</summary>
    private static string NumberOf(string documentNumber)
    {
        TextRules.Require("The document number", documentNumber, TextLimits.DocumentNumber);
        return CensusRules.Normalise(documentNumber)
            ?? throw new CivicException(ErrorCodes.Validation, "A document number holds 1 to 64 letters or digits (spaces, dots and hyphens are ignored).");
    }

    /// <summary>The entry's hash, and the entry when one has this number and this birth date.</summary>
    private async Task<(byte[] Hash, (DateOnly BirthDate, string? District)? Entry)> MatchAsync(string number, DateOnly birthDate)
    {
        var hash = CensusRules.Hash(await KeyAsync(), Tenant, number);
        var entry = await store.EntryAsync(Tenant, hash);
        return (hash, entry?.BirthDate == birthDate ? entry : null);
    }

    private async Task FailAsync(string memberId, int failures, DateTimeOffset now)
    {
        var wait = CensusRules.WaitAfter(failures + 1);
        await store.SetAttemptsAsync(Tenant, memberId, failures + 1, now + wait);
    }

    private void RequireOfficer(Actor officer)
    {
        if (!officer.CanRecordInPerson || officer.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a polling officer or an admin of the tenant records in-person ballots.");
        }
    }

    private static CivicException Locked(DateTimeOffset until) =>
        new(ErrorCodes.VerificationLocked, $"Too many failed verifications: try again after {until:yyyy-MM-dd HH:mm} UTC.");

    private async Task<byte[]> KeyAsync() => _key ??= await store.KeyAsync(Tenant);
}
