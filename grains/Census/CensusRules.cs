using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Census;

/// <summary>The census' rules as plain functions: the CSV, the keyed hash, the waits after failures.</summary>
public static class CensusRules
{
    /// <summary>Failures allowed before the first wait (CONSUL: 5).</summary>
    public const int FreeFailures = 5;

    private static readonly TimeSpan FirstWait = TimeSpan.FromHours(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);

    /// <summary>
    /// The wait after the <paramref name="failures"/>-th failure: none before the 5th, then 1 h, doubling
    /// with each further failure up to 7 days.
    /// </summary>
    public static TimeSpan? WaitAfter(int failures)
    {
        if (failures < FreeFailures)
        {
            return null;
        }

        var doublings = Math.Min(failures - FreeFailures, 16);
        var wait = FirstWait * Math.Pow(2, doublings);
        return wait < LongestWait ? wait : LongestWait;
    }

    /// <summary>Misses in a row an officer may make before look-ups wait (a busy polling station mistypes).</summary>
    public const int OfficerFreeFailures = 20;

    private static readonly TimeSpan OfficerFirstWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OfficerLongestWait = TimeSpan.FromHours(4);

    /// <summary>
    /// The wait after an officer's <paramref name="failures"/>-th miss in a row: none before the 20th, then
    /// 5 minutes, doubling up to 4 hours, so nobody can walk the roll with a polling officer's account.
    /// </summary>
    public static TimeSpan? OfficerWaitAfter(int failures)
    {
        if (failures < OfficerFreeFailures)
        {
            return null;
        }

        var wait = OfficerFirstWait * Math.Pow(2, Math.Min(failures - OfficerFreeFailures, 16));
        return wait < OfficerLongestWait ? wait : OfficerLongestWait;
    }

    /// <summary>The attempts row of an officer's look-ups (kept apart from the officer's own verification as a member).</summary>
    public static string OfficerAttemptsKey(string officerId) => "officer:" + officerId;

    /// <summary>
    /// A document number as compared: letters and digits, upper case; spaces, dots, hyphens and slashes
    /// dropped. Null when nothing else is left or the number is too long or holds anything else.
    /// </summary>
    public static string? Normalise(string? documentNumber)
    {
        if (documentNumber is null)
        {
            return null;
        }

        var builder = new StringBuilder(documentNumber.Length);
        foreach (var c in documentNumber)
        {
            if (c is ' ' or '.' or '-' or '/' or '\t')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.Length is >= 1 and <= 64 ? builder.ToString() : null;
    }

    /// <summary>HMAC-SHA256 of tenant and normalised number under the tenant's census key.</summary>
    public static byte[] Hash(byte[] key, string tenant, string normalised) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(tenant + "\u001f" + normalised));

    public const string InPersonPrefix = "in-person:";

    /// <summary>
    /// The voter id of the person of this entry when they vote in person: derived from the entry's keyed
    /// hash (so the same person gets the same id at every visit), naming neither the number nor an account.
    /// </summary>
    public static string InPersonVoterId(byte[] entryHash) =>
        InPersonPrefix + Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes("in-person\u001f"), .. entryHash]))[..32];

    /// <summary>
    /// Parses the CSV (comma or semicolon separated: document number, birth date yyyy-MM-dd, optional
    /// district; an optional header line whose second column is <c>birth_date</c> or <c>birthDate</c>;
    /// blank lines skipped) and hashes each number at once. Any bad row refuses the whole file with its
    /// line number; the messages never repeat a value.
    /// </summary>
    public static List<CensusRow> Parse(string csv, byte[] key, string tenant, DateOnly today)
    {
        TextRules.Require("The census file", csv, TextLimits.CensusFile);
        var rows = new List<CensusRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in csv.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(line.Contains(';') ? ';' : ',').Select(f => f.Trim().Trim('"').Trim()).ToArray();
            if (lineNumber == 1 && fields.Length >= 2 && fields[1].Replace("_", "").Equals("birthdate", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (fields.Length is < 2 or > 3)
            {
                throw Bad(lineNumber, "has " + fields.Length + " columns; expected document number, birth date and an optional district");
            }

            var number = Normalise(fields[0]) ?? throw Bad(lineNumber, "has no valid document number (1 to 64 letters or digits)");
            if (!DateOnly.TryParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
                || birth.Year < 1900 || birth > today)
            {
                throw Bad(lineNumber, "has no valid birth date (yyyy-MM-dd, not in the future)");
            }

            string? district = fields.Length == 3 && fields[2].Length > 0 ? fields[2] : null;
            if (district is not null && !TextRules.IsValid(district, TextLimits.District))
            {
                throw Bad(lineNumber, $"has a district that is not a line of at most {TextLimits.District.MaxLength} characters");
            }

            var hash = Hash(key, tenant, number);
            if (!seen.TryAdd(Convert.ToHexString(hash), lineNumber))
            {
                throw Bad(lineNumber, $"repeats the document number of line {seen[Convert.ToHexString(hash)]}");
            }

            rows.Add(new CensusRow(hash, birth, district));
            if (rows.Count > ListLimits.CensusEntries)
            {
                throw new CivicException(ErrorCodes.Validation, $"A census upload holds at most {ListLimits.CensusEntries} entries.");
            }
        }

        return rows.Count > 0 ? rows : throw new CivicException(ErrorCodes.Validation, "The census file has no entries.");
    }

    private static CivicException Bad(int line, string what) =>
        new(ErrorCodes.Validation, $"Line {line} of the census file {what}; nothing was stored.");
}
