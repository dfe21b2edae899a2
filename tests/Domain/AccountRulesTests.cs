using Civic.Grains.Accounts;

namespace Civic.Tests.Domain;

/// <summary>Password and e-mail rules of accounts (issue 10), without a cluster.</summary>
public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("Vélo-rouge sous la pluie 42", null)]
    [InlineData("123456789", "must be 10 to 200")]
    [InlineData("0123456789", "too common")]
    [InlineData("MotDePasse123", "too common")]
    [InlineData("ceci est à dominique", "your name")]
    [InlineData("bonjour dupont-lajoie", "your name")]
    [InlineData("zz-camille.m-zz", "your name")]
    [InlineData("une\tphrase assez longue", "one line")]
    public void Password_rules(string password, string? problem)
    {
        var found = PasswordRules.Problem(password, "Dominique Dupont-Lajoie", "camille.m@example.org");

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    [Fact]
    public void Parts_under_three_characters_do_not_count()
    {
        Assert.Null(PasswordRules.Problem("al est un bon gars", "Al", "al@example.org"));
        Assert.NotNull(PasswordRules.Problem(new string('x', 201), "Al", "al@example.org"));
    }

    [Fact]
    public void The_common_list_is_embedded()
    {
        Assert.InRange(PasswordRules.CommonCount, 500, 10_000);
    }

    [Theory]
    [InlineData("  Camille.Martin@Example.ORG ", "camille.martin@example.org")]
    [InlineData("a+tag@sub.example.fr", "a+tag@sub.example.fr")]
    [InlineData("no-at-sign.example.org", null)]
    [InlineData("two@@example.org", null)]
    [InlineData("a@localhost", null)]
    [InlineData("a b@example.org", null)]
    [InlineData("\"quoted\"@example.org", null)]
    [InlineData("a@example..org", null)]
    public void Email_normalisation(string email, string? expected) =>
        Assert.Equal(expected, EmailAddresses.TryNormalise(email));

    [Fact]
    public void Long_addresses_are_refused()
    {
        Assert.Null(EmailAddresses.TryNormalise(new string('a', 65) + "@example.org"));
        Assert.Null(EmailAddresses.TryNormalise("a@" + new string('b', 250) + ".org"));
    }

    [Theory]
    [InlineData("ville.example", null, "https://ville.example/account/reset?token=abc")]
    [InlineData(null, "civic.example", "https://lyon.civic.example/account/reset?token=abc")]
    [InlineData(null, null, "http://127.0.0.1:5080/account/reset?token=abc&tenant=lyon")]
    public void Links_are_built_from_the_tenant_configuration(string? customHost, string? baseDomain, string expected)
    {
        var tenant = new Civic.Grains.Interfaces.TenantInfo("lyon", "Lyon", "fr", new("#000000", "#ffffff", null), [],
            customHost is null ? [] : [customHost], true, DateTimeOffset.UnixEpoch);

        Assert.Equal(expected, Civic.Grains.Interfaces.TenantUrls.Link(tenant, baseDomain, "http://127.0.0.1:5080/", "/account/reset", "abc"));
    }
}
