using Civic.Api.Oidc;
using Civic.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenIddict.Abstractions;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>
/// Migration 0030 is our own SQL for OpenIddict's EF Core model: every mapped column exists with the model's type and
/// nullability, and OpenIddict's four stores write and read rows on it.
/// </summary>
[Collection("oidc")]
public sealed class OidcSchemaAgreement(OidcFixture fixture)
{
    [Fact]
    public async Task Every_column_of_the_EF_model_is_in_the_migrated_schema_with_its_type()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OidcDbContext>();
        var columns = await ColumnsAsync();
        var checkedColumns = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                Assert.True(columns.TryGetValue((table, column), out var actual), $"{table}.{column} is in the EF model but not in the schema");
                Assert.Equal(property.GetColumnType(store), actual.Type);
                Assert.True(property.IsColumnNullable(store) == actual.Nullable, $"{table}.{column}: nullability differs");
                checkedColumns++;
            }
        }

        Assert.True(checkedColumns >= 45, $"only {checkedColumns} columns checked");
    }

    [Fact]
    public async Task The_four_stores_write_and_read_on_the_migrated_schema()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.RegisterWebClientAsync(tenant, "schema-check");
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var applications = (CivicApplicationManager)services.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindOfTenantAsync(tenant, "schema-check");
        Assert.NotNull(application);
        Assert.Equal(tenant, await OidcClients.TenantOfAsync(applications, application, default));
        var applicationId = await applications.GetIdAsync(application);

        var scopes = services.GetRequiredService<IOpenIddictScopeManager>();
        var scopeName = "check-" + tenant;
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = scopeName, DisplayName = "Check", Resources = { "civic" } });
        Assert.NotNull(await scopes.FindByNameAsync(scopeName));

        var authorizations = services.GetRequiredService<IOpenIddictAuthorizationManager>();
        var authorization = await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = applicationId,
            Subject = "acc_check",
            Status = OpenIddictConstants.Statuses.Valid,
            Type = OpenIddictConstants.AuthorizationTypes.AdHoc,
            CreationDate = DateTimeOffset.UtcNow,
            Scopes = { "openid" },
        });
        var authorizationId = await authorizations.GetIdAsync(authorization);

        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        var token = await tokens.CreateAsync(new OpenIddictTokenDescriptor
        {
            ApplicationId = applicationId,
            AuthorizationId = authorizationId,
            Subject = "acc_check",
            Status = OpenIddictConstants.Statuses.Valid,
            Type = OpenIddictConstants.TokenTypeHints.RefreshToken,
            CreationDate = DateTimeOffset.UtcNow,
            ExpirationDate = DateTimeOffset.UtcNow.AddHours(1),
            ReferenceId = "ref-" + Guid.NewGuid().ToString("N"),
            Payload = "payload",
        });
        await tokens.TryRedeemAsync(token);

        // Revoking the authorization revokes its tokens: the chain a replayed refresh token cuts.
        Assert.True(await authorizations.TryRevokeAsync(authorization));
        await tokens.RevokeByAuthorizationIdAsync(authorizationId!);

        // Read back in another scope: the bulk update bypasses this context's tracked entities.
        await using var readScope = fixture.Services.CreateAsyncScope();
        var readTokens = readScope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var reread = await readTokens.FindByIdAsync((await tokens.GetIdAsync(token))!);
        Assert.Equal(OpenIddictConstants.Statuses.Revoked, await readTokens.GetStatusAsync(reread!));
        Assert.NotNull(await readTokens.GetRedemptionDateAsync(reread!));
    }

    private async Task<Dictionary<(string Table, string Column), (string Type, bool Nullable)>> ColumnsAsync()
    {
        await using var data = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = data.CreateCommand("""
            select table_name, column_name, data_type, character_maximum_length, is_nullable = 'YES'
            from information_schema.columns where table_name like 'civic_oidc_%'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<(string, string), (string, bool)>();
        while (await reader.ReadAsync())
        {
            var type = reader.GetString(2);
            if (!reader.IsDBNull(3))
            {
                type += $"({reader.GetInt32(3)})";
            }

            columns[(reader.GetString(0), reader.GetString(1))] = (type, reader.GetBoolean(4));
        }

        return columns;
    }
}
