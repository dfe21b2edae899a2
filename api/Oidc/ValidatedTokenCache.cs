using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Civic.Api.Oidc;

/// <summary>
/// The access-token scheme's token handler: IdentityModel's <see cref="JsonWebTokenHandler"/> validates a token the first
/// time it is seen; the result is kept, keyed by the whole token (its signature included, so no other string can
/// hit it), until the token expires. A front-end sends the same token for its ten minutes of life, and the RSA
/// verification and claim building it would repeat on every GraphQL request were most of what Civic's own tokens
/// cost over development tokens. A hit still checks the lifetime on the scheme's clock, and the issuer against the
/// request's host is checked by the scheme on every request, hit or not. Bounded: at most <see cref="Capacity"/>
/// tokens (then new ones are validated each time until older ones expire or are compacted away).
/// </summary>
public sealed class ValidatedTokenCache : TokenHandler, IDisposable
{
    public const int Capacity = 100_000;

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGetValue(token, out Validated? known) && known is not null)
        {
            if (validationParameters.LifetimeValidator?.Invoke(known.Token.ValidFrom, known.Token.ValidTo, known.Token, validationParameters) ?? false)
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = known.Token,
                    ClaimsIdentity = known.Identity.Clone(), // each request gets its own, as it would from the handler
                    Issuer = known.Token.Issuer,
                    TokenType = known.Token.Typ,
                };
            }

            _validated.Remove(token);
        }

        var result = await _handler.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken validated && result.ClaimsIdentity is { } identity)
        {
            _validated.Set(token, new Validated(validated, identity.Clone()), new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpiration = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew,
            });
        }

        return result;
    }

    public override SecurityToken ReadToken(string token) => _handler.ReadToken(token);

    public void Dispose() => _validated.Dispose();

    private sealed record Validated(JsonWebToken Token, System.Security.Claims.ClaimsIdentity Identity);
}
