-- Queued work wakes the workers (docs/decisions/013-domains-and-worker-wake.md): a statement
-- that adds e-mails, jobs or search outbox rows notifies the channel passerelle_work. PostgreSQL
-- delivers the notification when the transaction commits, to every app process listening, so
-- no caller has to remember to nudge a worker and no worker reads rows that are not committed.
CREATE OR REPLACE FUNCTION passerelle_notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('passerelle_work', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_email_wake AFTER INSERT ON "OutboxEmail"
  FOR EACH STATEMENT EXECUTE FUNCTION passerelle_notify_work();
CREATE TRIGGER job_wake AFTER INSERT ON "Job"
  FOR EACH STATEMENT EXECUTE FUNCTION passerelle_notify_work();
CREATE TRIGGER search_outbox_wake AFTER INSERT ON search_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION passerelle_notify_work();
