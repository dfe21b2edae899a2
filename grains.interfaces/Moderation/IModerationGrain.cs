namespace Civic.Grains.Interfaces;

/// <summary>
/// The reports and moderation of one reported item, keyed "tenant/kind:itemId" (<see cref="ReportedItems.GrainKey"/>).
/// Its turns serialise the item's reports, so the report that reaches the threshold hides the item exactly once.
/// </summary>
public interface IModerationGrain : IGrainWithStringKey
{
    /// <summary>
    /// A member reports the item once (ALREADY_EXISTS the second time; NOT_FOUND for no such item; FORBIDDEN for one's
    /// own). At the box's ReportsToHide live reports the item hides itself, once, and its author is told.
    /// </summary>
    Task<ModerationView> ReportAsync(ReportReason reason, string text, Actor actor);

    /// <summary>Moderators: hide (with a reason), restore, or dismiss the reports; every act is recorded.</summary>
    Task<ModerationView> ModerateAsync(ModerationAct act, string reason, Actor actor);
}
