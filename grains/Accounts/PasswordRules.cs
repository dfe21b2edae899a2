using System.Collections.Frozen;
using System.Reflection;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Accounts;

/// <summary>
/// What a new password must be: 10 to 200 characters of one line, not holding the person's display name or
/// e-mail local part (nor a word of 3 or more characters of either), and not a common password (the
/// embedded list, compared in lower case). Pure: the grains call it before hashing.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    private static readonly Lazy<FrozenSet<string>> CommonList = new(LoadCommon);

    /// <summary>How many common passwords the embedded list holds.</summary>
    public static int CommonCount => CommonList.Value.Count;

    /// <summary>Why <paramref name="password"/> is refused, or null when it is fine.</summary>
    public static string? Problem(string? password, string displayName, string normalisedEmail)
    {
        if (password is null)
        {
            return "A password is required.";
        }

        if (password.Length < MinLength || password.Length > MaxLength)
        {
            return $"The password must be {MinLength} to {MaxLength} characters.";
        }

        if (TextRules.Problem(password, TextLimits.Password) is { } problem)
        {
            return "The password " + problem + ".";
        }

        var lower = password.ToLowerInvariant();
        foreach (var part in PersonalParts(displayName, normalisedEmail))
        {
            if (lower.Contains(part, StringComparison.Ordinal))
            {
                return "The password must not contain your name or your e-mail address.";
            }
        }

        if (CommonList.Value.Contains(lower))
        {
            return "This password is too common: choose another.";
        }

        return null;
    }

    /// <summary>Throws WEAK_PASSWORD unless <paramref name="password"/> is fine.</summary>
    public static void Require(string? password, string displayName, string normalisedEmail)
    {
        if (Problem(password, displayName, normalisedEmail) is { } problem)
        {
            throw new CivicException(ErrorCodes.WeakPassword, problem);
        }
    }

    /// <summary>The display name and the local part, whole and split into words, lower case, 3 characters or more.</summary>
    private static IEnumerable<string> PersonalParts(string displayName, string normalisedEmail)
    {
        var local = EmailAddresses.LocalPart(normalisedEmail);
        var name = displayName.Trim().ToLowerInvariant();
        IEnumerable<string> parts = [name, local, .. Words(name), .. Words(local)];
        return parts.Where(p => p.Length >= 3).Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split(c => !char.IsLetterOrDigit(c));

    private static IEnumerable<string> Split(this string text, Func<char, bool> separator)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || separator(text[i]))
            {
                if (i > start)
                {
                    yield return text[start..i];
                }

                start = i + 1;
            }
        }
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Civic.Grains.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                set.Add(entry.ToLowerInvariant());
            }
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
