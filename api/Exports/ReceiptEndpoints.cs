using System.Globalization;
using System.Text;
using Civic.Api.Reads;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using static Civic.Api.Exports.ExportEndpoints;

namespace Civic.Api.Exports;

/// <summary>
/// Tax receipts (printable HTML for the donor, CSV for admins and campaign owners) and the tenant's
/// open transparency figures (JSON and CSV, no personal data). The tenant comes from the host or the
/// X-Civic-Tenant header, the viewer from the bearer token.
/// </summary>
public static class ReceiptEndpoints
{
    public static IEndpointRouteBuilder MapCivicReceipts(this IEndpointRouteBuilder app)
    {
        // Numbers are unique per beneficiary and year: ?beneficiary= picks one when a viewer holds two alike.
        app.MapGet("/receipts/{number}.html", async (string number, string? beneficiary, CivicRequest request, IClusterClient cluster) =>
            await GuardAsync(async () =>
            {
                var actor = request.RequireActor();
                var html = await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant).RenderHtmlAsync(number, beneficiary, actor);
                return Results.Text(html, "text/html; charset=utf-8", Encoding.UTF8);
            }));

        app.MapGet("/exports/tax-receipts.csv", async (string? beneficiary, CivicRequest request, IClusterClient cluster) =>
            await GuardAsync(async () =>
            {
                var actor = request.RequireActor();
                var csv = await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant).ReceiptsCsvAsync(beneficiary, actor);
                return Results.Text(csv, "text/csv; charset=utf-8", Encoding.UTF8);
            }));

        app.MapGet("/exports/campaigns/{id}/donors.csv", async (string id, CivicRequest request, IClusterClient cluster) =>
            await GuardAsync(async () =>
            {
                var actor = request.RequireActor();
                if (!GrainKeys.IsWellFormed(id, IdPrefixes.Campaign))
                {
                    throw new CivicException(ErrorCodes.NotFound, "No such campaign.");
                }

                var csv = await cluster.GetGrain<ITaxReceiptDeskGrain>(actor.Tenant).DonorsCsvAsync(id, actor);
                return Results.Text(csv, "text/csv; charset=utf-8", Encoding.UTF8);
            }));

        app.MapGet("/exports/transparency.json", async (CivicRequest request, TransparencyReads reads, CancellationToken ct) =>
            await GuardAsync(async () => Results.Json(TransparencyView(await reads.ForTenantAsync(request.RequireTenant().Slug, ct)))));

        app.MapGet("/exports/transparency.csv", async (CivicRequest request, TransparencyReads reads, CancellationToken ct) =>
            await GuardAsync(async () =>
                Results.Text(TransparencyCsv(await reads.ForTenantAsync(request.RequireTenant().Slug, ct)), "text/csv; charset=utf-8", Encoding.UTF8)));
        return app;
    }

    private static string Name<T>(T value) where T : struct, Enum =>
        global::GraphQL.StringExtensions.ToConstantCase(value.ToString());

    private static object TransparencyView(TransparencyFigures f) => new
    {
        raisedByMode = f.RaisedByMode.Select(m => new { mode = Name(m.Mode), amount = m.Amount.Amount, currency = m.Amount.Currency }),
        raisedByCategory = f.RaisedByCategory.Select(c => new
        {
            category = c.Category is { } k ? Name(k) : null,
            custom = c.Custom,
            amount = c.Amount.Amount,
            currency = c.Amount.Currency,
        }),
        backers = f.Backers,
        contributions = f.Contributions,
        campaignsByStatus = f.CampaignsByStatus.Select(s => new { status = Name(s.Status), count = s.Count }),
        matchfundingSpent = new { amount = f.MatchfundingSpent.Amount, currency = f.MatchfundingSpent.Currency },
    };

    /// <summary>One figure per line: "figure,key,amount_cents,currency,count".</summary>
    private static string TransparencyCsv(TransparencyFigures f)
    {
        var csv = new StringBuilder("figure,key,amount_cents,currency,count\r\n");
        void Line(string figure, string key, long? amount, string currency, long? count) =>
            csv.Append(figure).Append(',').Append(Cell(key)).Append(',')
                .Append(amount?.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Cell(currency)).Append(',')
                .Append(count?.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var m in f.RaisedByMode)
        {
            Line("raised_by_mode", Name(m.Mode), m.Amount.Amount, m.Amount.Currency, null);
        }

        foreach (var c in f.RaisedByCategory)
        {
            Line("raised_by_category", c.Custom ?? (c.Category is { } k ? Name(k) : "NONE"), c.Amount.Amount, c.Amount.Currency, null);
        }

        Line("backers", "", null, "", f.Backers);
        Line("contributions", "", null, "", f.Contributions);
        foreach (var s in f.CampaignsByStatus)
        {
            Line("campaigns_by_status", Name(s.Status), null, "", s.Count);
        }

        Line("matchfunding_spent", "", f.MatchfundingSpent.Amount, f.MatchfundingSpent.Currency, null);
        return csv.ToString();
    }
}
