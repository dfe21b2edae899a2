using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Civic.Database.DataProtection;

/// <summary>
/// ASP.NET Core Data Protection as every Civic process uses it (secrets at rest in silos, the sign-in cookie,
/// antiforgery and the OpenID Connect keys in API nodes): one application name and the key ring in PostgreSQL
/// (<see cref="PostgresXmlRepository"/> over the registered <see cref="NpgsqlDataSource"/>), so every node shares it.
/// With a certificate configured (<see cref="CertificateSettings"/>), the ring's keys are themselves encrypted
/// with it before they reach the database: a copy of the database alone then opens none of the secrets.
/// </summary>
public static class CivicDataProtection
{
    /// <summary>Data Protection's application name: the same on every node, so they all share one key ring.</summary>
    public const string ApplicationName = "civic";

    /// <summary>The configuration section of the ring's certificate ("DataProtection").</summary>
    public const string SectionName = "DataProtection";

    /// <summary>
    /// Registers Data Protection once; a second call (the embedded mode runs silo and API in one process) adds nothing.
    /// <paramref name="configuration"/> may name the certificate that encrypts the ring's keys (section "DataProtection").
    /// </summary>
    public static IServiceCollection AddCivicDataProtection(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (services.Any(s => s.ServiceType == typeof(Marker)))
        {
            return services;
        }

        services.AddSingleton<Marker>();
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        var certificates = (configuration?.GetSection(SectionName).Get<CertificateSettings>() ?? new CertificateSettings()).Load();
        if (certificates.Count > 0)
        {
            // New keys are encrypted with the first; any of them decrypts (the previous ones, during a rotation).
            builder.ProtectKeysWithCertificate(certificates[0]).UnprotectKeysWithAnyCertificate([.. certificates]);
        }

        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(dataSource));
        return services;
    }

    private sealed class Marker;
}

/// <summary>
/// Section "DataProtection": a PKCS#12 file whose certificate (with its private key) encrypts the key ring, and the
/// files of the certificates it replaced, which still decrypt the keys they encrypted.
/// </summary>
public sealed class CertificateSettings
{
    /// <summary>Path of the PKCS#12 (.pfx) file that encrypts new keys; none: the ring is stored unencrypted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, if it has one (from a secret store or the environment).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PKCS#12 files of earlier certificates, kept to decrypt the keys they encrypted (same password).</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];

    /// <summary>The current certificate first, then the previous ones; an unreadable file or one without a private key fails the start.</summary>
    public IReadOnlyList<X509Certificate2> Load()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            return PreviousCertificatePaths.Count == 0 ? [] : throw new InvalidOperationException(
                "DataProtection:PreviousCertificatePaths is set without DataProtection:CertificatePath: name the certificate that encrypts new keys.");
        }

        return [.. new[] { CertificatePath }.Concat(PreviousCertificatePaths).Select(LoadOne)];
    }

    private X509Certificate2 LoadOne(string path)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The Data Protection certificate {path} cannot be read: {e.Message}", e);
        }

        return certificate.HasPrivateKey ? certificate : throw new InvalidOperationException(
            $"The Data Protection certificate {path} has no private key: the key ring could be encrypted but never read back.");
    }
}
