using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Civic.Tests.Api.Transport;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>
/// A real upstream OpenID Connect provider on a free loopback port: npm's oidc-provider 9 run by
/// tests/interop/upstream-provider.mjs as a child process, with Civic as its confidential client and the accounts
/// (subject → claims) a test gives it. Disposing closes its stdin, and kills it if it does not exit.
/// </summary>
public sealed partial class UpstreamProvider : IAsyncDisposable
{
    public const string Configure = """
        mutation($input: ConfigureSignInProviderInput!) {
          configureSignInProvider(input: $input) { key displayName authority clientId scopes nameClaim birthDateClaim residencyClaim }
        }
        """;

    /// <summary>A valid input (for the role matrix: no upstream needs to answer to configure one).</summary>
    public static readonly object SampleInput = new
    {
        input = new
        {
            key = "franceconnect", displayName = "FranceConnect", authority = "http://127.0.0.1:1", clientId = "civic",
            clientSecret = "not-a-real-secret", scopes = new[] { "openid", "email", "profile" },
            claims = new { name = "name", birthDate = "birthdate", residency = "address" },
        },
    };

    private readonly Process _process;

    private UpstreamProvider(Process process, string issuer, string clientId, string clientSecret)
    {
        _process = process;
        Issuer = issuer;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string Issuer { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>Starts the provider with Civic's callback of <paramref name="civicOrigin"/> registered, and waits until it listens.</summary>
    public static async Task<UpstreamProvider> StartAsync(string civicOrigin, IReadOnlyDictionary<string, object> accounts)
    {
        var directory = InteropFixture.FindInteropDirectory();
        await InteropFixture.EnsurePackagesAsync(directory);
        var clientId = "civic-" + Guid.NewGuid().ToString("N")[..8];
        var clientSecret = "upstream-secret-" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "upstream-provider.mjs", clientId, clientSecret, civicOrigin.TrimEnd('/') + "/account/external/callback", JsonSerializer.Serialize(accounts) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.ErrorDataReceived += (_, _) => { }; // its warnings are not read: drain them so it never blocks
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
        if (line is null)
        {
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"upstream-provider.mjs exited with {process.ExitCode} before listening.");
        }

        var issuer = JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!;
        return new UpstreamProvider(process, issuer, clientId, clientSecret);
    }

    /// <summary>The configureSignInProvider input for this provider under <paramref name="key"/>.</summary>
    /// <summary>The configuration input of this provider; with <paramref name="residencyClaim"/>, Civic asks the "residency" scope too.</summary>
    public object Input(string key, string displayName = "Connexion de test", string? residencyClaim = null) => new
    {
        input = new
        {
            key, displayName, authority = Issuer, clientId = ClientId, clientSecret = ClientSecret,
            scopes = residencyClaim is null ? new[] { "openid", "email", "profile" } : ["openid", "email", "profile", "residency"],
            claims = new { name = "name", birthDate = "birthdate", residency = residencyClaim },
        },
    };

    /// <summary>
    /// Signs in at the upstream as <paramref name="subject"/>: follows its redirects and answers its development login and
    /// consent forms, until it sends the browser back elsewhere; answers that URL (Civic's callback).
    /// </summary>
    public async Task<string> SignInAsync(Browser browser, string authorizeUrl, string subject)
    {
        var url = authorizeUrl;
        for (var hop = 0; hop < 12; hop++)
        {
            Assert.StartsWith(Issuer, url);
            using var response = await browser.GetAsync(url);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)
            {
                url = Absolute(response.Headers.Location!.OriginalString);
                if (!url.StartsWith(Issuer, StringComparison.Ordinal))
                {
                    return url;
                }

                continue;
            }

            var page = await response.Content.ReadAsStringAsync();
            var form = FormPattern().Match(page);
            Assert.True(form.Success, $"no form at {url}: {(int)response.StatusCode}\n{page}");
            var prompt = PromptPattern().Match(page).Groups[1].Value;
            using var posted = await browser.PostFormAsync(Absolute(WebUtility.HtmlDecode(form.Groups[1].Value)),
                [new("prompt", prompt), new("login", subject), new("password", "any")]);
            Assert.True(posted.Headers.Location is not null, $"the {prompt} form answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            url = Absolute(posted.Headers.Location!.OriginalString);
            if (!url.StartsWith(Issuer, StringComparison.Ordinal))
            {
                return url;
            }
        }

        throw new InvalidOperationException("The upstream provider did not send the browser back.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private string Absolute(string location) => location.StartsWith('/') ? Issuer + location : location;

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\"")]
    private static partial Regex FormPattern();

    [GeneratedRegex("name=\"prompt\" value=\"([a-z]+)\"")]
    private static partial Regex PromptPattern();
}
