using System.Net;
using System.Text.RegularExpressions;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Civic.Api.Oidc;

/// <summary>An upstream OpenID Connect provider of a tenant as admins see it: everything but the client secret.</summary>
public sealed record SignInProvider(
    string Key, string DisplayName, string Authority, string ClientId, IReadOnlyList<string> Scopes,
    string? NameClaim, string? BirthDateClaim, string? ResidencyClaim);

/// <summary>What an admin sends to configure a provider (the secret only travels in).</summary>
public sealed record ConfigureSignInProvider(
    string Key, string DisplayName, string Authority, string ClientId, string ClientSecret, IReadOnlyList<string> Scopes,
    string? NameClaim, string? BirthDateClaim, string? ResidencyClaim);

/// <summary>
/// The tenants' upstream sign-in providers in <c>civic_sign_in_providers</c> (migration 0050), beside the OpenID Connect
/// server they feed like <see cref="OidcClients"/>: the client secret is protected with Data Protection under a purpose
/// that names the tenant and the provider key (another tenant's row cannot be unprotected as this one's), and only
/// <see cref="FindForSignInAsync"/>, which the external sign-in calls, ever reads it back.
/// </summary>
public sealed partial class SignInProviders(NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider time)
{
    public const string Purpose = "civic.sign-in-provider-secret.v1";
    public const int MaxProvidersPerTenant = 10;
    public const int MaxScopes = 10;
    public const int MaxAuthorityLength = 500;

    private static readonly TextRule ClientIdRule = TextRule.Line(200);
    private static readonly TextRule SecretRule = TextRule.Line(512);

    private const string Columns = "key, display_name, authority, client_id, scopes, claim_name, claim_birth_date, claim_residency";

    public async Task<SignInProvider> ConfigureAsync(string tenant, ConfigureSignInProvider input, CancellationToken cancellationToken)
    {
        var provider = Checked(input);
        var secret = Protector(tenant, provider.Key).Protect(System.Text.Encoding.UTF8.GetBytes(input.ClientSecret));
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var count = new NpgsqlCommand(
            "select count(*) from civic_sign_in_providers where tenant = $1 and key <> $2", connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = tenant });
            count.Parameters.Add(new NpgsqlParameter { Value = provider.Key });
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= MaxProvidersPerTenant)
            {
                throw new CivicException(ErrorCodes.LimitExceeded, $"A tenant may configure at most {MaxProvidersPerTenant} sign-in providers.");
            }
        }

        await using (var upsert = new NpgsqlCommand($"""
            insert into civic_sign_in_providers (tenant, {Columns}, protected_secret, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
            on conflict (tenant, key) do update set display_name = excluded.display_name, authority = excluded.authority,
                client_id = excluded.client_id, scopes = excluded.scopes, claim_name = excluded.claim_name,
                claim_birth_date = excluded.claim_birth_date, claim_residency = excluded.claim_residency,
                protected_secret = excluded.protected_secret, updated_at = excluded.updated_at
            """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = tenant });
            upsert.Parameters.Add(new NpgsqlParameter { Value = provider.Key });
            upsert.Parameters.Add(new NpgsqlParameter { Value = provider.DisplayName });
            upsert.Parameters.Add(new NpgsqlParameter { Value = provider.Authority });
            upsert.Parameters.Add(new NpgsqlParameter { Value = provider.ClientId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = provider.Scopes.ToArray() });
            upsert.Parameters.Add(Nullable(provider.NameClaim));
            upsert.Parameters.Add(Nullable(provider.BirthDateClaim));
            upsert.Parameters.Add(Nullable(provider.ResidencyClaim));
            upsert.Parameters.Add(new NpgsqlParameter { Value = secret });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return provider;
    }

    /// <summary>The tenant's providers by key (at most <see cref="MaxProvidersPerTenant"/>), without their secrets.</summary>
    public async Task<IReadOnlyList<SignInProvider>> ListAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from civic_sign_in_providers where tenant = $1 order by key limit $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = MaxProvidersPerTenant });
        var providers = new List<SignInProvider>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            providers.Add(Read(reader));
        }

        return providers;
    }

    /// <summary>Removes a provider; its linked identities stay (configuring the key again signs them in to the same accounts).</summary>
    public async Task<bool> RemoveAsync(string tenant, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from civic_sign_in_providers where tenant = $1 and key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = key ?? "" });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The provider and its client secret in clear, for the external sign-in only; null when the tenant has no such key.</summary>
    public async Task<(SignInProvider Provider, string ClientSecret)?> FindForSignInAsync(string tenant, string key, CancellationToken cancellationToken)
    {
        if (!KeyPattern().IsMatch(key ?? ""))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand(
            $"select {Columns}, protected_secret from civic_sign_in_providers where tenant = $1 and key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var provider = Read(reader);
        var secret = Protector(tenant, provider.Key).Unprotect(reader.GetFieldValue<byte[]>(8));
        return (provider, System.Text.Encoding.UTF8.GetString(secret));
    }

    /// <summary>The same bounds as the table's, with messages: VALIDATION for anything out of them.</summary>
    public static SignInProvider Checked(ConfigureSignInProvider input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!KeyPattern().IsMatch(input.Key ?? ""))
        {
            throw new CivicException(ErrorCodes.Validation, "key must be 2 to 40 of a-z, 0-9 and hyphens, starting with a letter.");
        }

        TextRules.Require("displayName", input.DisplayName, TextLimits.DisplayName);
        TextRules.Require("clientId", input.ClientId, ClientIdRule);
        TextRules.Require("clientSecret", input.ClientSecret, SecretRule);
        var authority = Authority(input.Authority);
        var scopes = (input.Scopes ?? []).Select(s => s?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        TextRules.RequireCount("scopes", scopes.Count, MaxScopes);
        if (scopes.Any(s => !ScopePattern().IsMatch(s)))
        {
            throw new CivicException(ErrorCodes.Validation, "Each scope is 1 to 64 printable ASCII characters without spaces, quotes or backslashes.");
        }

        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            throw new CivicException(ErrorCodes.Validation, "scopes must include openid.");
        }

        return new SignInProvider(input.Key!, input.DisplayName.Trim(), authority, input.ClientId.Trim(), scopes,
            Claim("claims.name", input.NameClaim), Claim("claims.birthDate", input.BirthDateClaim), Claim("claims.residency", input.ResidencyClaim));
    }

    /// <summary>An absolute https URL (http only on a loopback address) without query, fragment or user info; no trailing slash.</summary>
    public static string Authority(string? value)
    {
        if (value is not { Length: > 0 and <= MaxAuthorityLength } || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || (uri.Scheme == "http" && !IsLoopback(uri))
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new CivicException(ErrorCodes.Validation,
                $"authority must be an absolute https URL (http only on a loopback address) of at most {MaxAuthorityLength} characters, without query or fragment.");
        }

        return uri.AbsoluteUri.TrimEnd('/');
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string? Claim(string field, string? value)
    {
        if (value is null || value.Trim().Length == 0)
        {
            return null;
        }

        return ClaimPattern().IsMatch(value.Trim())
            ? value.Trim()
            : throw new CivicException(ErrorCodes.Validation, $"{field} must be a claim name of 1 to 100 of A-Z a-z 0-9 _ . : / -.");
    }

    private IDataProtector Protector(string tenant, string key) => protection.CreateProtector(Purpose, tenant, key);

    private static NpgsqlParameter Nullable(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static SignInProvider Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<string[]>(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7));

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    public static partial Regex KeyPattern();

    [GeneratedRegex("^[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}$")]
    private static partial Regex ScopePattern();

    [GeneratedRegex("^[A-Za-z0-9_.:/-]{1,100}$")]
    private static partial Regex ClaimPattern();
}
