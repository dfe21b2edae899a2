using System.Net.Mail;
using System.Text;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Accounts;

/// <summary>E-mail addresses as accounts keep them: checked, then normalised (trimmed, NFC, lower case) for look-ups.</summary>
public static class EmailAddresses
{
    /// <summary>The normalised address, or VALIDATION naming what is wrong.</summary>
    public static string Normalise(string? email)
    {
        TextRules.Require("email", email, TextLimits.Email);
        var normalised = Normalised(email!) ?? throw new CivicException(ErrorCodes.Validation, "email is not an e-mail address.");
        return normalised;
    }

    /// <summary>The normalised address, or null when <paramref name="email"/> is no plausible address.</summary>
    public static string? TryNormalise(string? email) =>
        TextRules.IsValid(email, TextLimits.Email) ? Normalised(email!) : null;

    private static string? Normalised(string email)
    {
        var trimmed = email.Trim();
        if (!trimmed.IsNormalized(NormalizationForm.FormC))
        {
            trimmed = trimmed.Normalize(NormalizationForm.FormC);
        }

        var at = trimmed.LastIndexOf('@');
        if (at < 1 || at > 64 || at == trimmed.Length - 1 || trimmed.Length > 254
            || trimmed.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '(' or ')' or ',' or ';' or '\\' or '[' or ']'))
        {
            return null;
        }

        var domain = trimmed[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.')
            || domain.Contains("..", StringComparison.Ordinal) || trimmed[..at].Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>The part before the '@' (of a normalised address).</summary>
    public static string LocalPart(string normalised) => normalised[..normalised.LastIndexOf('@')];
}
