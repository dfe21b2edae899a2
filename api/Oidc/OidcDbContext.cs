using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Civic.Api.Oidc;

/// <summary>
/// OpenIddict's Entity Framework Core stores (applications, authorizations, scopes, tokens) over Civic's
/// database. The schema is migration 0030's, never EF's: tables are named <c>civic_oidc_*</c> and columns in
/// snake case, so the SQL reads like the rest of ours. <c>OidcSchemaAgreement</c> checks the two agree.
/// </summary>
public sealed class OidcDbContext(DbContextOptions<OidcDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            // OpenIddictEntityFrameworkCoreApplication → civic_oidc_applications, and so on.
            var name = entity.ClrType.Name.Replace("OpenIddictEntityFrameworkCore", "", StringComparison.Ordinal);
            name = name[..(name.IndexOf('`') is var tick and >= 0 ? tick : name.Length)];
            entity.SetTableName("civic_oidc_" + SnakeCase(name) + "s");
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(key.IsPrimaryKey() ? entity.GetTableName() + "_pkey" : key.GetName());
            }

            foreach (var index in entity.GetIndexes())
            {
                // The first column names the index: PostgreSQL cuts names at 63 bytes, and no table has two that share it.
                index.SetDatabaseName(entity.GetTableName() + "_" + SnakeCase(index.Properties[0].Name) + "_idx");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(entity.GetTableName() + "_" + string.Join("_", foreignKey.Properties.Select(p => SnakeCase(p.Name))) + "_fkey");
            }
        }
    }

    /// <summary>ClientId → client_id.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
