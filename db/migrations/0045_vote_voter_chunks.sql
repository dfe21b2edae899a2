-- A vote's voters as 16-byte digests (issue 12: a vote of a million ballots reactivates in 2 s). Each tally snapshot
-- of a vote grain writes the digests of the voters whose ballots came since the previous snapshot, for the seqs
-- (from_seq, to_seq]; an activation reads the chain of chunks up to its snapshot's seq instead of every ballot's
-- voter key, then the ballots after it. A chunk holds digests only: no voter key, no choice.
create table civic_vote_voter_chunks (
    tenant    text   not null,
    vote_id   text   not null,
    from_seq  bigint not null,
    to_seq    bigint not null,
    voters    bytea  not null, -- 16 bytes per voter
    extras    bytea  not null, -- 16 bytes per second-district voter reference
    primary key (tenant, vote_id, to_seq),
    check (from_seq <= to_seq)
);
