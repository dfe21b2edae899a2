using System.Security.Cryptography;

namespace Civic.Tools.DevHost;

/// <summary>Secrets of the embedded default, kept in the git-ignored data folder.</summary>
public static class DevSecrets
{
    /// <summary>The HS256 key that signs development tokens, created on first use.</summary>
    public static string SigningKey(string dataDirectory) => Secret(dataDirectory, "jwt-signing-key");

    /// <summary>The sandbox payment provider's webhook secret (signs test webhooks), created on first use.</summary>
    public static string WebhookSecret(string dataDirectory) => Secret(dataDirectory, "sandbox-webhook-secret");

    /// <summary>
    /// The password of the demo admin and member accounts, created on first use and printed at start-up: 20 random
    /// letters and digits (a development machine's secret, not a real person's).
    /// </summary>
    public static string DemoPassword(string dataDirectory) => Secret(dataDirectory, "demo-password",
        () => "demo-" + new string(RandomNumberGenerator.GetItems("abcdefghjkmnpqrstuvwxyz23456789".AsSpan(), 20)));

    private static string Secret(string dataDirectory, string name, Func<string>? create = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, name);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, create?.Invoke() ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllText(path).Trim();
    }
}
