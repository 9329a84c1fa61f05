-- A revoked token stays for the audit trail and stops authenticating.
alter table api_tokens add column revoked_at bigint;
