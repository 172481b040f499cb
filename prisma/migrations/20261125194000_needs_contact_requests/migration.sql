-- Needs and contact requests: rules the database enforces, and indexes for the lists.

-- An organisation never sends a request to itself.
ALTER TABLE "ContactRequest" ADD CONSTRAINT "ContactRequest_distinct_orgs" CHECK ("fromOrgId" <> "toOrgId");

-- One pending request per (sender, recipient, need): two people of the same organisation
-- clicking at once get one request and a clear refusal, not two.
CREATE UNIQUE INDEX "ContactRequest_one_pending_key"
  ON "ContactRequest" ("fromOrgId", "toOrgId", COALESCE("needId", ''))
  WHERE "status" = 'pending';

-- Open needs are listed by expiry and filtered by tags.
CREATE INDEX "Need_open_expiresAt_idx" ON "Need" ("expiresAt") WHERE "status" = 'open';
CREATE INDEX "Need_challengeCodes_idx" ON "Need" USING GIN ("challengeCodes");
CREATE INDEX "Need_sectorCodes_idx" ON "Need" USING GIN ("sectorCodes");
CREATE INDEX "Need_technologyCodes_idx" ON "Need" USING GIN ("technologyCodes");

-- The renewal reminder task looks for open needs expiring soon that were not reminded yet.
CREATE INDEX "Need_renewal_reminder_idx" ON "Need" ("expiresAt") WHERE "status" = 'open' AND "renewalReminderSentAt" IS NULL;
