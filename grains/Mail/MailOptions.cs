namespace Civic.Grains.Mail;

/// <summary>How the SMTP connection is secured: none (a local relay or test sink), STARTTLS (port 587) or TLS from the start (465).</summary>
public enum SmtpSecurity
{
    None = 0,
    StartTls = 1,
    Tls = 2,
}

/// <summary>Configuration section <c>Mail:Smtp</c>: the relay mails go through. No host: mails are written to <see cref="MailOptions.Directory"/>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Sign in to the relay with this user (and <see cref="Password"/>); none: no authentication.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one SMTP command may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Configuration section <c>Mail</c>: where mails go, who sends them, and how the sender retries.</summary>
public sealed class MailOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The From address of every mail.</summary>
    public string From { get; set; } = "no-reply@civic.localhost";

    /// <summary>The From display name; none: the tenant's name.</summary>
    public string? FromName { get; set; }

    /// <summary>
    /// Without SMTP, one .eml file per mail goes here (<c>./civic up</c> sets its data folder's <c>mail/</c>);
    /// none: <c>.civic/mail</c> under the working directory.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>How often the sender looks for due mail when nothing woke it (an enqueue in this process wakes it at once).</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows one sweep claims at most; a full batch is followed by another sweep at once.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Tries per mail; after the last failure it stays unsent (logged as an error, kept with its last error).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryAfter"/>.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a claimed row belongs to the sender that claimed it: another sender (another silo) takes it only
    /// after this, when the first one died while sending. Longer than any delivery takes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The folder the directory delivery writes to.</summary>
    public string ResolvedDirectory => Path.GetFullPath(Directory ?? Path.Combine(".civic", "mail"));
}
