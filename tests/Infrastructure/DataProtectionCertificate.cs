using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Civic.Database.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Civic.Tests.Infrastructure;

/// <summary>
/// With <c>DataProtection:CertificatePath</c> set, the ring's keys reach PostgreSQL encrypted with the certificate: the
/// database alone opens nothing, a node with the certificate (or with it among the previous ones, after a rotation)
/// opens everything, and a certificate that cannot be used fails the start instead of writing keys in the clear.
/// </summary>
[Collection("postgres")]
public sealed class DataProtectionCertificate(PostgresServerFixture postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("civic-dp-").FullName;

    [Fact]
    public async Task The_ring_is_stored_encrypted_and_only_a_node_holding_the_certificate_reads_it()
    {
        var connectionString = await postgres.CreateDatabaseAsync("dpc");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var first = Pfx("first", "pw-1");
        byte[] sealedSecret;
        using (var node = Node(dataSource, new() { ["DataProtection:CertificatePath"] = first, ["DataProtection:CertificatePassword"] = "pw-1" }))
        {
            sealedSecret = node.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect([1, 2, 3]);
        }

        var xml = await PostgresServerFixture.ScalarAsync<string>(connectionString, "select xml from civic_data_protection_keys limit 1");
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // the master key's element when stored in the clear

        using (var withoutCertificate = Node(dataSource, []))
        {
            Assert.ThrowsAny<CryptographicException>(() =>
                withoutCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedSecret));
        }

        // A rotation: a new certificate encrypts new keys, the first one, kept as previous, still opens the old ones.
        var second = Pfx("second", "pw-1");
        using (var rotated = Node(dataSource, new()
        {
            ["DataProtection:CertificatePath"] = second,
            ["DataProtection:CertificatePassword"] = "pw-1", // the same password for both files in this test
            ["DataProtection:PreviousCertificatePaths:0"] = first,
        }))
        {
            Assert.Equal([1, 2, 3], rotated.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedSecret));
        }
    }

    [Fact]
    public void A_missing_file_a_wrong_password_or_a_certificate_without_its_private_key_fails_the_start()
    {
        var pfx = Pfx("good", "right");
        var publicOnly = Path.Combine(_folder, "public.pfx");
        using (var loaded = X509CertificateLoader.LoadPkcs12FromFile(pfx, "right"))
        using (var withoutKey = X509CertificateLoader.LoadCertificate(loaded.Export(X509ContentType.Cert)))
        {
            File.WriteAllBytes(publicOnly, withoutKey.Export(X509ContentType.Pkcs12));
        }

        Assert.Contains("cannot be read", Refusal(new() { CertificatePath = Path.Combine(_folder, "absent.pfx") }));
        Assert.Contains("cannot be read", Refusal(new() { CertificatePath = pfx, CertificatePassword = "wrong" }));
        Assert.Contains("no private key", Refusal(new() { CertificatePath = publicOnly }));
        Assert.Contains("CertificatePath", Refusal(new() { PreviousCertificatePaths = [pfx] }));
        Assert.Empty(new CertificateSettings().Load());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Refusal(CertificateSettings settings) => Assert.Throws<InvalidOperationException>(() => settings.Load()).Message;

    private static ServiceProvider Node(NpgsqlDataSource dataSource, Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddSingleton(dataSource)
            .AddCivicDataProtection(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    private string Pfx(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=civic-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
