-- The one definition of which contributions count (issue 9): a row counts towards a campaign's raised
-- money, its contributions and its backers, towards the transparency figures and the donor list when
-- its payment is CONFIRMED and it was not revoked. PENDING (not yet paid), FAILED (never paid) and
-- REFUNDED (paid back) rows never count, nor a revoked equity investment. Every SQL reader asks this
-- view instead of writing the rule again; the campaign grain's book applies the same rule in C#
-- (PaymentTransitions.Counts), and a test (tests/Infrastructure/CountedContributions.cs) checks that
-- the two agree on every payment status, revoked or not.

create view civic_counted_contributions as
select id, tenant, campaign_id, seq, contribution_id, member_id, amount, currency, created_at, reward_id
from civic_contributions
where payment_status = 'confirmed' and revoked_at is null;

comment on view civic_counted_contributions is
    'Contributions that count: payment_status = confirmed and revoked_at is null. The only place this rule is written in SQL; PaymentTransitions.Counts is its C# twin.';
