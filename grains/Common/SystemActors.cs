namespace Civic.Grains;

/// <summary>Who the platform itself acts as in a grain's history, when no person does.</summary>
public static class SystemActors
{
    /// <summary>The clock (a campaign opening and closing at its dates, a vote closing) and the settlement that follows it.</summary>
    public const string Clock = "system";
}
