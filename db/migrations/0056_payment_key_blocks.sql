-- One durable write per pledge (issue 16). A campaign asks the payment provider first and writes the
-- contribution's row once, with the provider's answer in it (CONFIRMED, FAILED, or PENDING while the answer is
-- open or lost). So that no charge can exist without a row that leads to it, a campaign charges only under
-- contribution ids it recorded here beforehand: a block of ids (prefix + 12 random characters, then a 4-character
-- index below size), one row per block, written before its first id is charged and covering many pledges. The
-- payment sweeper (grains/Payments/PaymentSweeper.cs) reads the blocks old enough to be done with, asks the
-- provider about every id of a block that has no contribution row (a silo died between the charge and the row,
-- or the row was refused) and gives the money of such a charge back; then it marks the block swept.
create table civic_payment_key_blocks (
    block_id    text        primary key,
    tenant      text        not null,
    campaign_id text        not null,
    size        integer     not null check (size > 0),
    opened_at   timestamptz not null,
    -- How many ids the campaign handed out, once it moved to its next block or deactivated; null after a crash
    -- (then every id below size is looked at).
    used        integer     check (used between 0 and size),
    swept_at    timestamptz
);

create index civic_payment_key_blocks_unswept_idx
    on civic_payment_key_blocks (opened_at)
    where swept_at is null;
