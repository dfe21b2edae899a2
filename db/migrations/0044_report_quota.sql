-- A member's reports of one day, counted for the ReportsPerMemberPerDay quota.
create index civic_reports_reporter_idx on civic_reports (tenant, reporter_id, reported_at);
