using Civic.Api.Auth;
using Civic.Grains.Interfaces;

namespace Civic.Tools.DevHost;

/// <summary>
/// <c>token --tenant demo --user alice --role member [--count N] [--data DIR]</c>: development
/// tokens signed with the embedded default's key (or Jwt__SigningKey). With --count, N distinct
/// members "USER-1" ... "USER-N", one token per line. An operator token does platform operations only
/// (createTenant) and acts in no tenant, so its --tenant is optional ("platform").
/// </summary>
public static class TokenCommand
{
    public static int Run(string[] args)
    {
        try
        {
            var line = new CommandLine(args);
            var user = line.Require("user");
            if (!DevTokens.TryParseRole(line.Get("role") ?? "member", out var role))
            {
                throw new ArgumentException("--role must be member, polling_officer, moderator, admin or operator.");
            }

            var tenant = role == Role.Operator ? line.Get("tenant") ?? "platform" : line.Require("tenant");
            if (role == Role.Operator)
            {
                Console.Error.WriteLine("token: an operator token creates tenants; it is no member, moderator or admin of any tenant.");
            }

            var key = Environment.GetEnvironmentVariable("Jwt__SigningKey")
                ?? DevSecrets.SigningKey(line.Get("data") ?? Path.Combine(Environment.CurrentDirectory, ".civic"));
            var tokens = new DevTokens(new JwtSettings { SigningKey = key }, TimeProvider.System);
            var lifetime = TimeSpan.FromDays(line.GetInt("days", 7));
            if (line.Has("count"))
            {
                var count = line.GetInt("count", 1);
                for (var i = 1; i <= count; i++)
                {
                    Console.WriteLine(tokens.Issue(tenant, $"{user}-{i}", role, lifetime, line.Get("district")));
                }
            }
            else
            {
                Console.WriteLine(tokens.Issue(tenant, user, role, lifetime, line.Get("district")));
            }

            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"token: {ex.Message}");
            Console.Error.WriteLine("usage: token --tenant SLUG --user ID --role member|polling_officer|moderator|admin [--count N] [--district NAME] [--days N]\n       token --user ID --role operator [--days N]   (platform operations only: createTenant)");
            return 2;
        }
    }
}
