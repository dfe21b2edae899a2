using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Civic.Api.Oidc;

/// <summary>
/// The server's two RSA keys (signing, encryption) in <c>civic_oidc_keys</c> (migration 0030): the first node that
/// starts generates them, protects the private key with Data Protection (whose key ring is in PostgreSQL too) and
/// inserts them; a node that loses the race reads the winner's. So every API node, and every restart, signs and
/// encrypts with the same keys and accepts the others' tokens.
/// </summary>
public sealed class OidcKeyStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection)
{
    public const string Purpose = "civic.oidc-key.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The key of a use ("signing" or "encryption"), generated and stored on first call.</summary>
    public RsaSecurityKey Key(string use)
    {
        if (Read(use) is { } existing)
        {
            return existing;
        }

        using (var rsa = RSA.Create(2048))
        {
            var keyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())[..16]);
            using var insert = dataSource.CreateCommand("""
                insert into civic_oidc_keys (use, key_id, protected_key) values ($1, $2, $3)
                on conflict (use) do nothing
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = use });
            insert.Parameters.Add(new NpgsqlParameter { Value = keyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = _protector.Protect(rsa.ExportPkcs8PrivateKey()) });
            insert.ExecuteNonQuery();
        }

        return Read(use) ?? throw new InvalidOperationException($"The OpenID Connect {use} key could not be stored.");
    }

    private RsaSecurityKey? Read(string use)
    {
        // Options are built synchronously: this runs once per process, when OpenIddict's options are first read.
        using var command = dataSource.CreateCommand("select key_id, protected_key from civic_oidc_keys where use = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = use });
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_protector.Unprotect(reader.GetFieldValue<byte[]>(1)), out _);
        return new RsaSecurityKey(rsa) { KeyId = reader.GetString(0) };
    }
}
