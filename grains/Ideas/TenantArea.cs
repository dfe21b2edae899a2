using Civic.Grains.Interfaces;

namespace Civic.Grains.Ideas;

/// <summary>Where the box and idea grains find the tenant's declared area before checking a location against it.</summary>
internal static class TenantArea
{
    /// <summary>The tenant's area, asked of its grain only for an idea with a location (null: none, or not needed).</summary>
    public static async Task<GeoArea?> ForAsync(IGrainFactory grains, string tenant, SubmitIdea idea) =>
        idea.Location is null ? null : (await grains.GetGrain<ITenantGrain>(tenant).GetAsync())?.Area;
}
