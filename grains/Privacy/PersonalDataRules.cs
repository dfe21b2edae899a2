using Civic.Grains.Accounts;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Privacy;

/// <summary>What deleting an account (GDPR art. 17) leaves of it, pure.</summary>
public static class PersonalDataRules
{
    /// <summary>
    /// The account once deleted: address and name blanked, no password (no sign-in), no role, no lock, marked
    /// deleted (no identity, so no token is issued or refreshed). The id stays: contributions and receipts (kept
    /// for the accounts), ballots (still counted) and the census claim (so the entry cannot be claimed again by a
    /// new account) are held under it, and it names nobody any more.
    /// </summary>
    public static AccountState Deleted(AccountState account, DateTimeOffset at)
    {
        var deleted = account.Copy();
        deleted.Email = "";
        deleted.DisplayName = "";
        deleted.PasswordHash = null;
        deleted.Role = Role.Member;
        deleted.FailedSignIns = 0;
        deleted.LockedUntil = null;
        deleted.DeletedAt = at;
        return deleted;
    }
}
