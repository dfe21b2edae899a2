-- Mail templates a tenant's admins wrote in place of Civic's own (issue 10): one per tenant, kind and locale.
-- Civic's own templates live in the code (grains/Mail/MailDefaults.cs); a missing row means "Civic's". The
-- HTML part is made from the text at send time, so only the subject and the text are kept.
create table civic_mail_templates (
    tenant     text        not null,
    kind       text        not null,
    locale     text        not null,
    subject    text        not null,
    body       text        not null,
    updated_at timestamptz not null,
    updated_by text        not null,
    primary key (tenant, kind, locale)
);
