-- A member marks their notifications read (one, or all at once); unread ones are counted for the app's badge.
alter table civic_notifications add column read_at timestamptz;

create index civic_notifications_unread on civic_notifications (tenant, member_id) where read_at is null;
