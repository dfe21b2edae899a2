namespace Civic.Grains.Mail;

/// <summary>A template's two parts as written: the subject and the text (the HTML part is made from the text).</summary>
public sealed record TemplateText(string Subject, string Text);

/// <summary>Civic's own templates, per kind, in French and English. A tenant's admins may write their own instead.</summary>
public static class MailDefaults
{
    /// <summary>Civic's template of <paramref name="kind"/> in <paramref name="locale"/> (fr or en), or null for a kind it has none of.</summary>
    public static TemplateText? Of(string kind, string locale) =>
        (locale == "en" ? English : French).TryGetValue(kind, out var text) ? text : null;

    private static readonly Dictionary<string, TemplateText> French = new(StringComparer.Ordinal)
    {
        [MailKinds.ConfirmEmail] = new("{{tenant}} : confirmez votre adresse e-mail", """
            Bonjour {{name}},

            Pour confirmer votre adresse e-mail et participer sur {{tenant}}, ouvrez ce lien (valable 24 heures) :

            {{link}}

            Si vous n'avez pas créé de compte, ignorez ce message : rien ne sera fait sans ce lien.
            """),
        [MailKinds.AlreadyRegistered] = new("{{tenant}} : vous avez déjà un compte", """
            Bonjour {{name}},

            Quelqu'un (peut-être vous) a voulu créer un compte sur {{tenant}} avec cette adresse, qui en a déjà un.
            Pour vous connecter :

            {{link}}

            Si vous avez oublié votre mot de passe, choisissez-en un nouveau :

            {{resetLink}}

            Si ce n'était pas vous, ignorez ce message : votre compte n'a pas changé.
            """),
        [MailKinds.ResetPassword] = new("{{tenant}} : choisir un nouveau mot de passe", """
            Bonjour {{name}},

            Pour choisir un nouveau mot de passe sur {{tenant}}, ouvrez ce lien (valable 6 heures, une seule fois) :

            {{link}}

            Si vous n'avez rien demandé, ignorez ce message : votre mot de passe n'a pas changé.
            """),
        [MailKinds.UnlockAccount] = new("{{tenant}} : votre compte est verrouillé", """
            Bonjour {{name}},

            Après plusieurs mots de passe erronés, votre compte sur {{tenant}} a été verrouillé pour le protéger.
            Pour le déverrouiller dès maintenant :

            {{link}}

            Sinon, il se déverrouillera de lui-même dans une heure. Si ce n'était pas vous, changez votre mot de passe.
            """),
        [MailKinds.ConfirmEmailChange] = new("{{tenant}} : confirmez votre nouvelle adresse", """
            Bonjour {{name}},

            Pour utiliser cette adresse e-mail sur {{tenant}}, ouvrez ce lien :

            {{link}}

            Tant que ce lien n'est pas ouvert, votre ancienne adresse reste celle du compte.
            """),
        [MailKinds.Invitation] = new("{{tenant}} : {{inviter}} vous invite", """
            Bonjour,

            {{inviter}} vous invite à rejoindre {{tenant}} avec le rôle {{role}}. Pour accepter (lien valable 14 jours) :

            {{link}}

            Si vous ne vous y attendiez pas, ignorez ce message.
            """),
        [MailKinds.ExportReady] = new("{{tenant}} : vos données sont prêtes", """
            Bonjour {{name}},

            La copie de vos données sur {{tenant}} est prête. Téléchargez-la avec ce lien (valable 7 jours, pour vous seul) :

            {{link}}

            Si vous n'avez rien demandé, écrivez à {{tenant}}.
            """),
        [MailKinds.ContentHidden] = new("{{tenant}} : votre contribution est masquée", """
            Bonjour {{name}},

            Votre contribution ({{what}}) sur {{tenant}} est masquée : les autres membres ne la voient plus. Vous la voyez toujours, avec la raison :

            {{reason}}

            {{link}}

            Un modérateur peut la rétablir. Si vous pensez que c'est une erreur, écrivez à {{tenant}}.
            """),
        [MailKinds.ContentRestored] = new("{{tenant}} : votre contribution est de nouveau visible", """
            Bonjour {{name}},

            Un modérateur a rétabli votre contribution ({{what}}) sur {{tenant}} : tout le monde la voit de nouveau. Sa raison :

            {{reason}}

            {{link}}
            """),
    };

    private static readonly Dictionary<string, TemplateText> English = new(StringComparer.Ordinal)
    {
        [MailKinds.ConfirmEmail] = new("{{tenant}}: confirm your e-mail address", """
            Hello {{name}},

            To confirm your e-mail address and take part on {{tenant}}, open this link (valid for 24 hours):

            {{link}}

            If you did not create an account, ignore this message: nothing happens without the link.
            """),
        [MailKinds.AlreadyRegistered] = new("{{tenant}}: you already have an account", """
            Hello {{name}},

            Someone (maybe you) tried to create an account on {{tenant}} with this address, which already has one.
            To sign in:

            {{link}}

            If you forgot your password, choose a new one:

            {{resetLink}}

            If this was not you, ignore this message: your account has not changed.
            """),
        [MailKinds.ResetPassword] = new("{{tenant}}: choose a new password", """
            Hello {{name}},

            To choose a new password on {{tenant}}, open this link (valid for 6 hours, once):

            {{link}}

            If you did not ask for this, ignore this message: your password has not changed.
            """),
        [MailKinds.UnlockAccount] = new("{{tenant}}: your account is locked", """
            Hello {{name}},

            After several wrong passwords, your account on {{tenant}} was locked to protect it. To unlock it now:

            {{link}}

            Otherwise it unlocks by itself in an hour. If this was not you, change your password.
            """),
        [MailKinds.ConfirmEmailChange] = new("{{tenant}}: confirm your new address", """
            Hello {{name}},

            To use this e-mail address on {{tenant}}, open this link:

            {{link}}

            Until the link is opened, your previous address stays the account's.
            """),
        [MailKinds.Invitation] = new("{{tenant}}: {{inviter}} invites you", """
            Hello,

            {{inviter}} invites you to join {{tenant}} as {{role}}. To accept (the link is valid for 14 days):

            {{link}}

            If you did not expect this, ignore this message.
            """),
        [MailKinds.ExportReady] = new("{{tenant}}: your data is ready", """
            Hello {{name}},

            The copy of your data on {{tenant}} is ready. Download it with this link (valid for 7 days, for you only):

            {{link}}

            If you did not ask for it, write to {{tenant}}.
            """),
        [MailKinds.ContentHidden] = new("{{tenant}}: your {{what}} is hidden", """
            Hello {{name}},

            Your {{what}} on {{tenant}} is hidden: other members no longer see it. You still do, with the reason:

            {{reason}}

            {{link}}

            A moderator may restore it. If you think this is a mistake, write to {{tenant}}.
            """),
        [MailKinds.ContentRestored] = new("{{tenant}}: your {{what}} is visible again", """
            Hello {{name}},

            A moderator restored your {{what}} on {{tenant}}: everyone sees it again. Their reason:

            {{reason}}

            {{link}}
            """),
    };
}
