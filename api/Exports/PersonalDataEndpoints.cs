using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using static Civic.Api.Exports.ExportEndpoints;

namespace Civic.Api.Exports;

/// <summary>
/// A member's personal data export (issue 10): the link mailed to them opens the JSON file for them only, signed in
/// (bearer token of the same member) and with the link's token, for 7 days.
/// </summary>
public static class PersonalDataEndpoints
{
    public static IEndpointRouteBuilder MapCivicPersonalData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/my-data/{id}", async (string id, string? token, HttpContext http, CivicRequest request, IClusterClient cluster) =>
            await GuardAsync(async () =>
            {
                var actor = request.RequireActor();
                var file = await cluster.GetGrain<IPersonalDataGrain>(GrainKeys.Compound(actor.Tenant, actor.UserId))
                    .DownloadExportAsync(id, token ?? "", actor);
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(file, "application/json", $"civic-{actor.Tenant}-my-data.json");
            }));
        return app;
    }
}
