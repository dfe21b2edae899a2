using System.Net;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Grains.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Civic.Tests.Api;

/// <summary>
/// A member's personal data export (issue 10): asked for over GraphQL, prepared in the background, one a day; its
/// link opens the JSON file for that member only, with the link's token, for 7 days.
/// </summary>
[Collection("api-mail")]
public sealed class PersonalDataExportApi(MailApiFixture api)
{
    private const string Request = "mutation { requestMyDataExport { id requestedAt } }";

    [Fact]
    public async Task An_export_is_prepared_in_the_background_and_a_member_asks_for_one_a_day_at_most()
    {
        var tenant = await api.NewTenantAsync();
        using var alice = api.Member(tenant, "alice");
        var asked = (await alice.OkAsync(Request))["requestMyDataExport"]!;
        var id = asked["id"]!.GetValue<string>();
        Assert.StartsWith(IdPrefixes.DataExport + "_", id, StringComparison.Ordinal);

        var file = await ReadyDocumentAsync(id);
        var document = JsonNode.Parse(file)!;
        Assert.Equal(1, document["schemaVersion"]!.GetValue<int>());
        Assert.Equal("alice", document["memberId"]!.GetValue<string>());

        Assert.Equal("QUOTA_EXCEEDED", (await alice.SendAsync(Request)).FirstCode);

        // Another member's quota is their own; a day later Alice may ask again.
        using var bob = api.Member(tenant, "bob");
        await bob.OkAsync(Request);
        api.Clock.Advance(DataExportRules.QuotaWindow);
        var again = (await alice.OkAsync(Request))["requestMyDataExport"]!["id"]!.GetValue<string>();
        Assert.NotEqual(id, again);

        using var anonymous = api.Client(tenant, null);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(Request)).FirstCode);
    }

    [Fact]
    public async Task A_member_with_an_account_gets_the_link_by_mail_and_it_downloads_their_profile()
    {
        var tenant = await api.NewTenantAsync();
        var accounts = new AccountMails(api);
        var email = AccountMails.NewEmail("export");
        var accountId = await accounts.ConfirmedAsync(tenant, email, name: "Camille Export");
        using var member = accounts.SignedIn(tenant, accountId);
        var id = (await member.OkAsync(Request))["requestMyDataExport"]!["id"]!.GetValue<string>();

        var mails = await api.Mail.WaitForAsync(email, count: 2); // the confirmation, then the export
        var ready = Assert.Single(mails, m => m.Headers[Civic.Grains.Mail.MailRenderer.KindHeader] == Civic.Grains.Mail.MailKinds.ExportReady);
        Assert.Contains("vos données sont prêtes", ready.Subject, StringComparison.Ordinal);
        Assert.Contains("Bonjour Camille Export", ready.TextBody, StringComparison.Ordinal);
        var link = Assert.Single(Civic.Tools.DevHost.MailListing.Links(ready));
        Assert.Contains($"/exports/my-data/{id}?token=", link, StringComparison.Ordinal);

        using var opened = await member.Http.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var document = JsonNode.Parse(await opened.Content.ReadAsStringAsync())!;
        Assert.Equal(accountId, document["memberId"]!.GetValue<string>());
        Assert.Equal(email, document["profile"]!["email"]!.GetValue<string>());
        Assert.Equal("Camille Export", document["profile"]!["displayName"]!.GetValue<string>());

        // The mailed link is the only way in: a link with another token of the same export opens nothing.
        using var forged = await member.Http.GetAsync($"/exports/my-data/{id}?token={DataExportRules.NewToken()}");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task The_link_opens_the_file_for_that_member_only_with_its_token_and_not_after_seven_days()
    {
        var tenant = await api.NewTenantAsync();
        var store = api.Services.GetRequiredService<DataExportStore>();
        var export = api.Services.GetRequiredService<PersonalDataExport>();

        // An export as the grain prepares it, with a token the test knows (the grain mails its own).
        var id = GrainKeys.NewId(IdPrefixes.DataExport);
        var token = DataExportRules.NewToken();
        await store.CreateAsync(id, tenant, "alice", DataExportRules.Hash(token), api.Now);
        await store.SaveDocumentAsync(id, PersonalDataExport.ToFile(await export.BuildAsync(tenant, "alice", null)), api.Now, api.Now + DataExportRules.LinkValidity);
        var link = $"/exports/my-data/{id}?token={Uri.EscapeDataString(token)}";

        using var alice = api.Member(tenant, "alice");
        using var opened = await alice.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("application/json", opened.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", opened.Headers.CacheControl?.ToString());
        Assert.Equal("alice", JsonNode.Parse(await opened.Content.ReadAsStringAsync())!["memberId"]!.GetValue<string>());

        using var wrongToken = await alice.Http.GetAsync($"/exports/my-data/{id}?token=not-the-token");
        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        using var noToken = await alice.Http.GetAsync($"/exports/my-data/{id}");
        Assert.Equal(HttpStatusCode.NotFound, noToken.StatusCode);

        // Bob holds the link (a forwarded mail): it is not his export.
        using var bob = api.Member(tenant, "bob");
        using var other = await bob.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var anonymous = api.Client(tenant, null);
        using var unsigned = await anonymous.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        api.Clock.Advance(DataExportRules.LinkValidity);
        using var expired = await alice.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("TOKEN_EXPIRED", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_sees_where_their_exports_stand_and_an_expired_ones_file_is_deleted()
    {
        const string Mine = "{ myDataExports { id state requestedAt readyAt expiresAt } }";
        var tenant = await api.NewTenantAsync();
        using var alice = api.Member(tenant, "alice");
        var id = (await alice.OkAsync(Request))["requestMyDataExport"]!["id"]!.GetValue<string>();
        await ReadyDocumentAsync(id);

        var listed = (await alice.OkAsync(Mine))["myDataExports"]!.AsArray();
        var only = Assert.Single(listed)!;
        Assert.Equal(id, only["id"]!.GetValue<string>());
        Assert.Equal("READY", only["state"]!.GetValue<string>());
        Assert.NotNull(only["readyAt"]);

        // Bob sees only his own (none); an anonymous caller nothing at all.
        using var bob = api.Member(tenant, "bob");
        Assert.Empty((await bob.OkAsync(Mine))["myDataExports"]!.AsArray());
        using var anonymous = api.Client(tenant, null);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(Mine)).FirstCode);

        // Once the link has expired the sweep deletes the file (never a live one), and the list says EXPIRED.
        var store = new DataExportStore(api.Database);
        api.Clock.Advance(DataExportRules.LinkValidity);
        Assert.Equal("EXPIRED", (await alice.OkAsync(Mine))["myDataExports"]![0]!["state"]!.GetValue<string>());
        using var live = api.Member(tenant, "carol");
        var carols = (await live.OkAsync(Request))["requestMyDataExport"]!["id"]!.GetValue<string>();
        await ReadyDocumentAsync(carols);
        await store.PurgeExpiredAsync(api.Now); // the silo's sweep may have run on the clock's move already: the rows tell
        await using var files = api.Database.CreateCommand("select id, document is not null from civic_data_exports where id = any($1)");
        files.Parameters.Add(new Npgsql.NpgsqlParameter { Value = new[] { id, carols } });
        var kept = new Dictionary<string, bool>();
        await using (var reader = await files.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                kept[reader.GetString(0)] = reader.GetBoolean(1);
            }
        }

        Assert.False(kept[id]);
        Assert.True(kept[carols]);
        Assert.Equal(0, await store.PurgeExpiredAsync(api.Now)); // idempotent
        Assert.Equal("EXPIRED", (await alice.OkAsync(Mine))["myDataExports"]![0]!["state"]!.GetValue<string>());
    }

    private async Task<string> ReadyDocumentAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var command = api.Database.CreateCommand("select convert_from(document, 'UTF8') from civic_data_exports where id = $1 and ready_at is not null");
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await command.ExecuteScalarAsync() is string document)
            {
                return document;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for export {id} to be prepared.");
            }

            await Task.Delay(20);
        }
    }
}
