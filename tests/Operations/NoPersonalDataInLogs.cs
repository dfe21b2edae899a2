using System.Collections.Concurrent;
using System.Net;
using Civic.Tests.Api;
using Civic.Tests.Oidc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Civic.Tests.Operations;

/// <summary>
/// Everything the host logs at Information and above (its shipped levels), messages, their values, exceptions and
/// scopes, while a person signs up, confirms, signs in, fails a sign-in, resets a password and calls GraphQL: none of
/// their address, name, password, tokens or mailed links appears.
/// </summary>
[Collection("oidc-logs")]
public sealed class NoPersonalDataInLogs(LoggedOidcFixture fixture)
{
    [Fact]
    public async Task Sign_up_sign_in_reset_and_graphql_log_no_address_name_password_or_token()
    {
        var email = AccountMails.NewEmail("zephyrine");
        const string Name = "Zéphyrine Quillard-Montbrun";
        var mails = new AccountMails(fixture);
        await mails.ConfirmedAsync(fixture.DefaultTenant, email, name: Name);
        var confirmToken = await mails.LastTokenAsync(fixture.DefaultTenant, email, "confirm-email");

        using var browser = fixture.NewBrowser();
        using (var wrong = await OidcFlow.SubmitAsync(browser, await OidcFlow.SignInPageAsync(browser), email, "not the password at all"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var (code, pkce) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);
        var tokens = await OidcFlow.RedeemCodeAsync(browser, code, pkce);
        var access = tokens["access_token"]!.GetValue<string>();
        var refresh = tokens["refresh_token"]!.GetValue<string>();
        using (var member = fixture.Client(null, access))
        {
            Assert.Equal(email, (await member.OkAsync(AccountDocuments.MyAccount))["myAccount"]!["email"]!.GetValue<string>());
        }

        using (var anonymous = fixture.Client(fixture.DefaultTenant, null))
        {
            await anonymous.OkAsync(AccountDocuments.RequestPasswordReset, new { email });
        }

        var resetToken = await mails.LastTokenAsync(fixture.DefaultTenant, email, "reset-password");
        Assert.NotEmpty(fixture.Logs.Lines); // the capture works: the host did log

        foreach (var secret in new[] { email, email.Split('@')[0], Name, "Quillard", AccountDocuments.GoodPassword, access, refresh, code, confirmToken, resetToken })
        {
            var leak = fixture.Logs.Lines.FirstOrDefault(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"the logs hold '{secret}': {leak}");
        }
    }
}

/// <summary>What the request middleware logs under: the request's tenant, as a scope every line of the request carries.</summary>
[Collection("oidc-logs")]
public sealed class RequestLogScope(LoggedOidcFixture fixture)
{
    [Fact]
    public async Task Lines_logged_while_a_request_runs_carry_its_tenant()
    {
        var factory = fixture.Services.GetRequiredService<ILoggerFactory>();
        var marker = "inside-" + Guid.NewGuid().ToString("N")[..8];
        var inner = factory.CreateLogger("Civic.Tests.Inside");
        var middleware = new Civic.Api.Tenancy.RequestContextMiddleware(_ =>
        {
            inner.LogWarning("{Marker} handled", marker);
            return Task.CompletedTask;
        });
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Headers[Civic.Api.Tenancy.TenantResolver.Header] = fixture.DefaultTenant;

        await middleware.InvokeAsync(context, new Civic.Api.Tenancy.CivicRequest(),
            fixture.Services.GetRequiredService<Civic.Api.Tenancy.TenantResolver>(), factory.CreateLogger<Civic.Api.Tenancy.RequestContextMiddleware>());

        var line = Assert.Single(fixture.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.Contains("scope=Tenant:" + fixture.DefaultTenant, line, StringComparison.Ordinal);
    }
}

/// <summary>The <c>./civic up</c> shape of <see cref="OidcFixture"/>, logging at Information into <see cref="Logs"/>.</summary>
public sealed class LoggedOidcFixture : OidcFixture
{
    public LogCapture Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides =>
        [.. base.Overrides, new("Logging:LogLevel:Default", "Information")];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}

[CollectionDefinition("oidc-logs")]
public sealed class LoggedOidcCollection : ICollectionFixture<LoggedOidcFixture>;

/// <summary>A logger provider that keeps every line: the message, each structured value, the exception and the scopes.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(' ').Append(key).Append('=').Append(value);
                }
            }

            capture._scopes.ForEachScope((scope, builder) => builder.Append(" scope=").Append(scope), line);
            if (exception is not null)
            {
                line.Append(' ').Append(exception);
            }

            capture._lines.Enqueue(line.ToString());
        }
    }
}
