using System.Text;
using System.Text.RegularExpressions;
using Civic.Grains.Interfaces;
using CsCheck;

namespace Civic.Tests.Domain;

/// <summary>The one table of text rules: what each shape accepts, and (by property) that it accepts exactly that.</summary>
public sealed partial class TextRulesTests
{
    public static readonly TheoryData<string, TextRule> Rules = new()
    {
        { nameof(TextLimits.IdempotencyKey), TextLimits.IdempotencyKey },
        { nameof(TextLimits.PaymentToken), TextLimits.PaymentToken },
        { nameof(TextLimits.Id), TextLimits.Id },
        { nameof(TextLimits.Title), TextLimits.Title },
        { nameof(TextLimits.OptionTitle), TextLimits.OptionTitle },
        { nameof(TextLimits.Description), TextLimits.Description },
        { nameof(TextLimits.Reason), TextLimits.Reason },
        { nameof(TextLimits.District), TextLimits.District },
        { nameof(TextLimits.Name), TextLimits.Name },
        { nameof(TextLimits.Address), TextLimits.Address },
        { nameof(TextLimits.WebhookField), TextLimits.WebhookField },
        { "Short line", TextRule.Line(8) },
        { "Short key", TextRule.Key(8) },
        { "Short multi-line", TextRule.MultiLine(8, minLength: 0) },
    };

    [Theory]
    [InlineData("k1")]
    [InlineData("order-2024.03_01:retry~2")]
    [InlineData("A")]
    public void A_key_of_the_documented_alphabet_is_accepted(string key) =>
        Assert.Null(TextRules.Problem(key, TextLimits.IdempotencyKey));

    [Theory]
    [InlineData("k\0", "NUL")]
    [InlineData("a b", "space")]
    [InlineData("a/b", "slash")]
    [InlineData("clé", "accented letter")]
    [InlineData("", "empty")]
    [InlineData("\ud83d\ude00", "emoji")]
    public void A_key_outside_the_alphabet_is_refused(string key, string because) =>
        Assert.True(TextRules.Problem(key, TextLimits.IdempotencyKey) is not null, because);

    [Fact]
    public void A_key_of_128_characters_is_the_longest()
    {
        Assert.Null(TextRules.Problem(new string('k', 128), TextLimits.IdempotencyKey));
        Assert.Equal("must be 1 to 128 characters", TextRules.Problem(new string('k', 129), TextLimits.IdempotencyKey));
    }

    [Theory]
    [InlineData("Jardin partagé")]
    [InlineData("Łódź – 𝄞 ✓ 😀")]
    [InlineData("  espaces autour  ")]
    public void A_line_of_unicode_is_accepted(string line) => Assert.Null(TextRules.Problem(line, TextLimits.Title));

    [Theory]
    [InlineData("a\0b", "holds a NUL character")]
    [InlineData("a\nb", "must be one line without control characters")]
    [InlineData("a\tb", "must be one line without control characters")]
    [InlineData("a\u001fb", "must be one line without control characters")]
    [InlineData("a\u007fb", "must be one line without control characters")]
    [InlineData("a\u0085b", "must be one line without control characters")]
    [InlineData("   ", "must not be blank")]
    public void A_line_with_a_control_character_a_lone_surrogate_or_only_blanks_is_refused(string line, string problem) =>
        Assert.Equal(problem, TextRules.Problem(line, TextLimits.Title));

    [Fact]
    public void A_lone_surrogate_is_refused_wherever_it_stands()
    {
        // Built in code: an attribute argument cannot hold a lone surrogate (it is stored as UTF-8).
        foreach (var text in new[] { "a\ud800b", "a\udc00", "\ud800", "\udc00\ud800", "😀\ud83d" })
        {
            Assert.Equal("holds an unpaired surrogate (not valid Unicode)", TextRules.Problem(text, TextLimits.Title));
            Assert.Equal("holds an unpaired surrogate (not valid Unicode)", TextRules.Problem(text, TextLimits.Description));
            Assert.NotNull(TextRules.Problem(text, TextLimits.IdempotencyKey));
        }
    }

    [Fact]
    public void Multi_line_text_takes_tabs_and_line_breaks_but_not_nul()
    {
        Assert.Null(TextRules.Problem("1 rue de la Paix\r\n75002 Paris\tFrance", TextLimits.Address));
        Assert.Equal("holds a NUL character", TextRules.Problem("1 rue\0", TextLimits.Address));
        Assert.Equal("holds a control character", TextRules.Problem("1 rue\u0007", TextLimits.Address));
        Assert.Null(TextRules.Problem("", TextLimits.Description));
    }

    [Fact]
    public void Lengths_count_utf16_characters_so_a_4_byte_character_counts_two()
    {
        var rule = TextRule.Line(4);
        Assert.Null(TextRules.Problem("😀😀", rule));
        Assert.NotNull(TextRules.Problem("😀😀a", rule));
    }

    [Fact]
    public void Require_names_the_field_and_the_bound()
    {
        var ex = Assert.Throws<CivicException>(() => TextRules.Require("The title", new string('t', 201), TextLimits.Title));
        Assert.Equal(ErrorCodes.Validation, ex.Code);
        Assert.Equal("The title must be 1 to 200 characters.", ex.Message);

        var count = Assert.Throws<CivicException>(() => TextRules.RequireCount("options", 1_001, ListLimits.VoteOptions));
        Assert.Equal(ErrorCodes.Validation, count.Code);
        Assert.Equal("options holds 1001 items; at most 1000 are allowed.", count.Message);
        TextRules.RequireCount("options", 1_000, ListLimits.VoteOptions);
        TextRules.Optional("The token", null, TextLimits.PaymentToken);
    }

    [Fact]
    public void Truncate_never_cuts_a_surrogate_pair()
    {
        var cut = TextRules.Truncate("ab😀cd", 4);
        Assert.Equal("ab…", cut);
        Assert.Null(TextRules.Problem(cut, TextLimits.Title));
    }

    // ---- properties ----

    /// <summary>Strings as a hostile client sends them: NUL, controls, lone and paired surrogates, keys, long runs.</summary>
    private static readonly Gen<string> HostileText = Gen.OneOf(
        Gen.Char.Array[0, 40].Select(a => new string(a)),                       // any UTF-16 code unit, surrogates included
        Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['0', '9'], Gen.Const('-'), Gen.Const('.'), Gen.Const(':'), Gen.Const('~'), Gen.Const('_'))
            .Array[0, 140].Select(a => new string(a)),                          // keys, some too long
        Gen.OneOf(Gen.Const("\0"), Gen.Const("\ud800"), Gen.Const("\udfff"), Gen.Const("😀"), Gen.Const("𝄞"), Gen.Const("\t"),
                Gen.Const("\n"), Gen.Const("\r"), Gen.Const(" "), Gen.Const("é"), Gen.Const("k"), Gen.Const("\u0085"), Gen.Const("\u007f"))
            .Array[0, 30].Select(parts => string.Concat(parts)),                // mixes of the interesting cases
        Gen.Int[0, 25_000].Select(n => new string('x', n)),                      // very long
        Gen.Int[0, 12_000].Select(n => string.Concat(Enumerable.Repeat("😀", n))));  // very long, 4-byte characters

    [Fact]
    public void Every_rule_accepts_exactly_what_it_documents_and_never_throws_anything_else()
    {
        var rules = Rules.Select(r => ((string)r[0], (TextRule)r[1])).ToArray();
        HostileText.Sample(text =>
        {
            foreach (var (name, rule) in rules)
            {
                var expected = Documented(text, rule);
                var actual = TextRules.Problem(text, rule);
                Assert.True(expected == (actual is null), $"{name}: expected {(expected ? "accepted" : "refused")}, got {actual ?? "accepted"}");
                try
                {
                    TextRules.Require("The field", text, rule);
                    Assert.True(expected);
                }
                catch (CivicException ex)
                {
                    Assert.False(expected);
                    Assert.Equal(ErrorCodes.Validation, ex.Code);
                    Assert.StartsWith("The field ", ex.Message);
                }
            }
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Whatever_a_rule_accepts_postgresql_can_store()
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        HostileText.Sample(text =>
        {
            if (TextRules.IsValid(text, TextLimits.Description))
            {
                Assert.DoesNotContain('\0', text);
                Assert.Equal(text, strict.GetString(strict.GetBytes(text))); // throws on a lone surrogate
            }
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Truncate_keeps_valid_text_valid_and_within_its_length()
    {
        Gen.Select(HostileText, Gen.Int[2, 50]).Sample((text, length) =>
        {
            var cut = TextRules.Truncate(text, length);
            Assert.True(cut.Length <= Math.Max(length, 1) || cut == text);
            if (TextRules.IsValid(text, TextRule.MultiLine(int.MaxValue, 0)))
            {
                Assert.True(TextRules.IsValid(cut, TextRule.MultiLine(int.MaxValue, 0)), $"'{cut}' cut from valid text");
            }
        }, iter: 2_000, threads: 1);
    }

    /// <summary>The documentation of <see cref="TextShape"/>, written independently of the rule's loop.</summary>
    private static bool Documented(string text, TextRule rule)
    {
        if (text.Length < rule.MinLength || text.Length > rule.MaxLength)
        {
            return false;
        }

        if (rule.Shape == TextShape.Key)
        {
            return KeyAlphabet().IsMatch(text);
        }

        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            var control = Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Control;
            var allowed = rule.Shape == TextShape.MultiLine && rune.Value is '\t' or '\n' or '\r';
            if (control && !allowed)
            {
                return false;
            }

            index += used;
        }

        return rule.MinLength == 0 || text.Trim().Length > 0;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:~-]*\z")]
    private static partial Regex KeyAlphabet();
}
