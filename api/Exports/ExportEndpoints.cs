using System.Globalization;
using System.Text;
using Civic.Api.Errors;
using Civic.Api.GraphQL;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;

namespace Civic.Api.Exports;

/// <summary>
/// Open data of closed votes, for the public and researchers: the ballots as a Pabulib file
/// (voters pseudonymised) and the results as CSV and JSON. No personal data in any of them.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapCivicExports(this IEndpointRouteBuilder app)
    {
        var votes = app.MapGroup("/exports/votes/{id}");
        votes.MapGet("/ballots.pb", async (string id, CivicRequest request, IClusterClient cluster) =>
            await GuardAsync(async () =>
            {
                var text = await cluster.Vote(request.RequireTenant().Slug, id).ExportPabulibAsync(request.Viewer());
                return Results.Text(text, "text/plain; charset=utf-8", Encoding.UTF8);
            }));
        votes.MapGet("/results.json", async (string id, CivicRequest request, IClusterClient cluster) =>
            await GuardAsync(async () => Results.Json(ResultsView(await ClosedVoteAsync(request, cluster, id)))));
        votes.MapGet("/results.csv", async (string id, CivicRequest request, IClusterClient cluster) =>
            await GuardAsync(async () => Results.Text(ResultsCsv(await ClosedVoteAsync(request, cluster, id)), "text/csv; charset=utf-8", Encoding.UTF8)));
        return app;
    }

    private static async Task<VoteSummary> ClosedVoteAsync(CivicRequest request, IClusterClient cluster, string id)
    {
        var vote = await cluster.Vote(request.RequireTenant().Slug, id).GetAsync(request.Viewer())
            ?? throw new CivicException(ErrorCodes.NotFound, "No such vote.");
        return vote.Results is null
            ? throw new CivicException(ErrorCodes.VoteNotClosed, "Results are published once the vote is closed.")
            : vote;
    }

    internal static async Task<IResult> GuardAsync(Func<Task<IResult>> produce)
    {
        try
        {
            return await produce();
        }
        catch (CivicException ex)
        {
            return new Refusal(ex.Code, ex.Message);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return new Refusal(ErrorCodes.Unavailable, "The service is busy or restarting: try again in a moment.");
        }
    }

    /// <summary>
    /// A refused download, as a GraphQL-shaped JSON error. 401 says how to authenticate (RFC 6750: a
    /// request without credentials gets the scheme, without an error code).
    /// </summary>
    private sealed class Refusal(string code, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (code == ErrorCodes.Unauthenticated)
            {
                httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            }

            return ErrorStatus.WriteAsync(httpContext, code, message, httpContext.RequestAborted);
        }
    }

    private static object ResultsView(VoteSummary v)
    {
        var results = v.Results!;
        var selected = results.Selected.ToHashSet(StringComparer.Ordinal);
        return new
        {
            id = v.Id,
            title = v.Title,
            ballotType = v.BallotType.ToString(),
            rule = results.Rule.ToString(),
            budget = v.Budget,
            ballots = v.Ballots,
            opensAt = v.OpensAt,
            closesAt = v.ClosesAt,
            computedAt = results.ComputedAt,
            selected = results.Selected,
            allocated = results.Allocated,
            leftOver = results.LeftOver,
            projects = v.Options.Select(o => new
            {
                id = o.Id,
                externalId = o.ExternalId,
                title = o.Title,
                district = o.District,
                cost = o.Cost,
                votes = o.Votes,
                score = o.Score,
                selected = selected.Contains(o.Id),
            }),
            districts = results.Districts.IsDefault ? [] : results.Districts,
            equalShares = results.EqualShares,
        };
    }

    private static string ResultsCsv(VoteSummary v)
    {
        var selected = v.Results!.Selected.ToHashSet(StringComparer.Ordinal);
        var csv = new StringBuilder("id,external_id,title,district,cost_cents,votes,score,selected\r\n");
        foreach (var o in v.Options)
        {
            csv.Append(Cell(o.Id)).Append(',')
                .Append(Cell(o.ExternalId ?? "")).Append(',')
                .Append(Cell(o.Title)).Append(',')
                .Append(Cell(o.District ?? "")).Append(',')
                .Append(o.Cost.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(o.Votes.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(o.Score.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(selected.Contains(o.Id) ? "1" : "0").Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; text that a spreadsheet would read as a formula is prefixed with a quote.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
