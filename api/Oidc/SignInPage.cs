using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Civic.Api.Oidc;

/// <summary>
/// The tenant's sign-in page: server-rendered HTML in French or English, no external asset, an e-mail and password
/// form protected by antiforgery. A good password opens the tenant's session cookie and goes back to the
/// authorization request; the messages never tell whether an e-mail is registered.
/// </summary>
public static class SignInPage
{
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 1_024;

    /// <summary>Encodes what HTML needs, and leaves accented letters readable.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The tenant's upstream providers, when the page shows their buttons.</summary>
    private const string ProvidersItem = "civic.sign-in.providers";

    public static void MapCivicSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(OidcEndpoints.SignInPath, async (HttpContext context, IAntiforgery antiforgery, SignInProviders providers) =>
        {
            context.Items[ProvidersItem] = await providers.ListAsync(OidcTenantMiddleware.Of(context).Slug, context.RequestAborted);
            return Page(context, antiforgery, ReturnUrl(context.Request.Query["returnUrl"]), email: "", message: null, StatusCodes.Status200OK);
        });
        app.MapPost(OidcEndpoints.SignInPath, SignInAsync);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, SignInProviders providers)
    {
        context.Items[ProvidersItem] = await providers.ListAsync(OidcTenantMiddleware.Of(context).Slug, context.RequestAborted);
        var texts = Texts.For(context, OidcTenantMiddleware.Of(context));
        if (!context.Request.HasFormContentType)
        {
            return Results.BadRequest();
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Page(context, antiforgery, "", "", texts.Expired, StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = ReturnUrl(form["returnUrl"]);
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        if (email.Length is 0 or > MaxEmailLength || password.Length is 0 or > MaxPasswordLength)
        {
            return Page(context, antiforgery, returnUrl, email.Length > MaxEmailLength ? "" : email, texts.InvalidCredentials, StatusCodes.Status400BadRequest);
        }

        var tenant = OidcTenantMiddleware.Of(context);
        var outcome = await cluster.GetGrain<IAccountsGrain>(tenant.Slug).SignInAsync(email, password);
        switch (outcome.Status)
        {
            case SignInStatus.SignedIn when outcome.Account is { } account && account.Tenant == tenant.Slug:
                await context.SignInAsync(OidcEndpoints.SessionScheme, OidcEndpoints.SessionPrincipal(account),
                    new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
                return returnUrl.Length > 0 ? Results.Redirect(returnUrl) : Page(context, antiforgery, "", "", texts.SignedIn, StatusCodes.Status200OK, form: false);
            case SignInStatus.Locked:
                var until = outcome.LockedUntil is { } at ? at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "?";
                return Page(context, antiforgery, returnUrl, email, string.Format(CultureInfo.InvariantCulture, texts.Locked, until), StatusCodes.Status403Forbidden);
            case SignInStatus.EmailNotConfirmed:
                return Page(context, antiforgery, returnUrl, email, texts.EmailNotConfirmed, StatusCodes.Status403Forbidden);
            default:
                return Page(context, antiforgery, returnUrl, email, texts.InvalidCredentials, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Only a local authorization request is a place to go back to: never another site.</summary>
    internal static string ReturnUrl(string? value) =>
        value is { Length: > 0 and <= 8_192 } url && url.StartsWith(OidcEndpoints.AuthorizePath + "?", StringComparison.Ordinal) ? url : "";

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string email, string? message, int status, bool form = true)
    {
        var tenant = OidcTenantMiddleware.Of(context);
        var texts = Texts.For(context, tenant);
        var html = Html;
        var page = new StringBuilder(4_096);
        page.Append("<!doctype html><html lang=\"").Append(texts.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(html.Encode(texts.Title + " · " + tenant.Name)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#111}")
            .Append("h1{font-size:1.4rem}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}")
            .Append("button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:").Append(html.Encode(tenant.Branding.PrimaryColor)).Append(";color:#fff;border:0}")
            .Append(".message{padding:.75rem;border-left:4px solid #b91c1c;background:#fef2f2}")
            .Append(".providers{list-style:none;padding:0}.provider{display:block;margin-top:.5rem;padding:.6rem;border:1px solid #111;color:#111;text-decoration:none;text-align:center}")
            .Append("</style></head><body><p>").Append(html.Encode(tenant.Name)).Append("</p><h1>").Append(html.Encode(texts.Title)).Append("</h1>");
        if (message is not null)
        {
            page.Append("<p class=\"message\" role=\"alert\">").Append(html.Encode(message)).Append("</p>");
        }

        if (form)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            page.Append("<form method=\"post\" action=\"").Append(html.Encode(context.Request.PathBase + OidcEndpoints.SignInPath)).Append("\">")
                .Append("<input type=\"hidden\" name=\"").Append(html.Encode(tokens.FormFieldName)).Append("\" value=\"").Append(html.Encode(tokens.RequestToken ?? "")).Append("\">")
                .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(html.Encode(returnUrl)).Append("\">")
                .Append("<label for=\"email\">").Append(html.Encode(texts.Email)).Append("</label>")
                .Append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required maxlength=\"").Append(MaxEmailLength).Append("\" value=\"").Append(html.Encode(email)).Append("\">")
                .Append("<label for=\"password\">").Append(html.Encode(texts.Password)).Append("</label>")
                .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"").Append(MaxPasswordLength).Append("\">")
                .Append("<button type=\"submit\">").Append(html.Encode(texts.Submit)).Append("</button></form>");
            if (context.Items[ProvidersItem] is IReadOnlyList<SignInProvider> { Count: > 0 } providers)
            {
                page.Append("<p>").Append(html.Encode(texts.Or)).Append("</p><ul class=\"providers\">");
                foreach (var provider in providers)
                {
                    var href = context.Request.PathBase + ExternalSignIn.StartPath + "/" + provider.Key
                        + (returnUrl.Length > 0 ? QueryString.Create("returnUrl", returnUrl).ToString() : "");
                    page.Append("<li><a class=\"provider\" data-provider=\"").Append(html.Encode(provider.Key)).Append("\" href=\"").Append(html.Encode(href)).Append("\">")
                        .Append(html.Encode(string.Format(CultureInfo.InvariantCulture, texts.ContinueWith, provider.DisplayName))).Append("</a></li>");
                }

                page.Append("</ul>");
            }
        }

        page.Append("</body></html>");
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Frame-Options"] = "DENY";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        return Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    internal static Texts TextsOf(HttpContext context) => Texts.For(context, OidcTenantMiddleware.Of(context));

    internal static string LanguageOf(HttpContext context, TenantInfo tenant) => Texts.For(context, tenant).Language;

    /// <summary>The page with a message and no form (the external sign-in's answers).</summary>
    internal static IResult Message(HttpContext context, string message, int status) =>
        Page(context, context.RequestServices.GetRequiredService<IAntiforgery>(), "", "", message, status, form: false);

    /// <summary>The page's texts in French and English.</summary>
    internal sealed record Texts(
        string Language, string Title, string Email, string Password, string Submit, string InvalidCredentials,
        string Locked, string EmailNotConfirmed, string Expired, string SignedIn,
        string Or, string ContinueWith, string UnknownProvider, string UpstreamUnavailable, string ExternalRefused, string LinkRefused)
    {
        private static readonly Texts French = new(
            "fr", "Connexion", "Adresse e-mail", "Mot de passe", "Se connecter",
            "Adresse e-mail ou mot de passe incorrect.",
            "Ce compte est verrouillé jusqu'au {0} après trop d'essais. Nous vous avons envoyé un e-mail avec un lien pour le déverrouiller.",
            "Confirmez d'abord votre adresse e-mail : suivez le lien que nous vous avons envoyé.",
            "Le formulaire a expiré : merci de réessayer.",
            "Vous êtes connecté.",
            "ou", "Continuer avec {0}",
            "Ce moyen de connexion n'est pas proposé ici.",
            "Le service de connexion ne répond pas : merci de réessayer plus tard.",
            "La connexion n'a pas pu être vérifiée : merci de recommencer depuis la page de connexion.",
            "Un compte existe déjà avec cette adresse, que le service de connexion n'a pas vérifiée : connectez-vous avec votre mot de passe.");

        private static readonly Texts English = new(
            "en", "Sign in", "E-mail address", "Password", "Sign in",
            "Wrong e-mail address or password.",
            "This account is locked until {0} after too many attempts. We sent you an e-mail with a link to unlock it.",
            "Confirm your e-mail address first: follow the link we sent you.",
            "The form expired: please try again.",
            "You are signed in.",
            "or", "Continue with {0}",
            "This way of signing in is not offered here.",
            "The sign-in service does not answer: please try again later.",
            "The sign-in could not be verified: please start again from the sign-in page.",
            "An account already has this address, which the sign-in service did not verify: sign in with your password.");

        /// <summary>The first of French or English the browser asks for, else the tenant's locale, else French.</summary>
        public static Texts For(HttpContext context, TenantInfo tenant)
        {
            foreach (var language in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
            {
                var tag = language.Value.Value ?? "";
                if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                {
                    return English;
                }

                if (tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase))
                {
                    return French;
                }
            }

            return tenant.Locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : French;
        }
    }
}
