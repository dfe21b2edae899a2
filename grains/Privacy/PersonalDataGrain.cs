using System.Collections.Immutable;
using Civic.Grains.Accounts;
using Civic.Grains.Interfaces;
using Civic.Grains.Mail;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Privacy;

/// <summary>
/// One member's personal data in one tenant (keyed <c>tenant/memberId</c>): takes export requests (one a day),
/// prepares each in the background on a one-shot grain timer, stores the file and mails the member its link.
/// The grain is not reentrant, so the quota check and the insert of a request happen in one turn.
/// </summary>
public sealed class PersonalDataGrain(
    DataExportStore store, PersonalDataExport export, AccountMail mail, DomainClock time, ILogger<PersonalDataGrain> logger)
    : Grain, IPersonalDataGrain
{
    private (string Tenant, string Member) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async Task<DataExportRequest> RequestExportAsync(Actor actor)
    {
        RequireSelf(actor);
        var (tenant, member) = Key;
        var now = time.GetUtcNow();
        DataExportRules.CheckQuota(await store.LastRequestedAtAsync(tenant, member), now);

        var id = GrainKeys.NewId(IdPrefixes.DataExport);
        var token = DataExportRules.NewToken();
        await store.CreateAsync(id, tenant, member, DataExportRules.Hash(token), now);
        var link = await mail.LinkAsync(tenant, DataExportRules.DownloadPath(id), token);
        this.RegisterGrainTimer(() => PrepareAsync(id, link), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        logger.LogInformation("Personal data export {Id} asked for by {Member} of {Tenant}", id, member, tenant);
        return new DataExportRequest(id, now);
    }

    public async Task<byte[]> DownloadExportAsync(string exportId, string token, Actor actor)
    {
        RequireSelf(actor);
        var (tenant, member) = Key;
        var found = GrainKeys.IsWellFormed(exportId, IdPrefixes.DataExport) ? await store.FindAsync(tenant, member, exportId) : null;
        return DataExportRules.Open(found, token, time.GetUtcNow());
    }

    public async Task<ImmutableArray<DataExportStatus>> ExportsAsync(Actor actor)
    {
        RequireSelf(actor);
        var (tenant, member) = Key;
        return [.. await store.ListAsync(tenant, member, time.GetUtcNow())];
    }

    private async Task PrepareAsync(string id, string link)
    {
        var (tenant, member) = Key;
        var account = await AccountAsync(tenant, member);
        var document = await export.BuildAsync(tenant, member, account);
        var ready = time.GetUtcNow();
        await store.SaveDocumentAsync(id, PersonalDataExport.ToFile(document), ready, ready + DataExportRules.LinkValidity);
        if (account is { Email: { Length: > 0 } email })
        {
            await mail.SendAsync(tenant, email, MailKinds.ExportReady, account.Locale,
                new Dictionary<string, string> { ["link"] = link, ["name"] = account.DisplayName });
        }
        else
        {
            logger.LogWarning("Personal data export {Id} of {Member} ({Tenant}) is ready but the member has no account address to mail it to", id, member, tenant);
        }
    }

    /// <summary>The member's account (profile and address); null for a member without a Civic account (an outside sign-in).</summary>
    private async Task<AccountIdentity?> AccountAsync(string tenant, string member)
    {
        try
        {
            return await GrainFactory.GetGrain<IAccountsGrain>(tenant).IdentityAsync(member);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The export is still kept (a member who signed in elsewhere has no account to read).
            logger.LogError(ex, "Could not read the account of {Member} ({Tenant}) for its export", member, tenant);
            return null;
        }
    }

    private void RequireSelf(Actor actor)
    {
        var (tenant, member) = Key;
        if (!actor.IsTenantRole || actor.Tenant != tenant || actor.UserId != member)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the member themself asks for and downloads their data.");
        }
    }
}
