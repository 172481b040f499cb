-- CreateTable
CREATE TABLE "RecommendationSnapshot" (
    "organisationId" TEXT NOT NULL,
    "candidateIds" TEXT[],
    "scores" INTEGER[],
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationSnapshot_pkey" PRIMARY KEY ("organisationId")
);

-- CreateIndex
CREATE INDEX "RecommendationSnapshot_computedAt_idx" ON "RecommendationSnapshot"("computedAt");

-- CreateIndex
CREATE INDEX "Organisation_challengeCodes_idx" ON "Organisation" USING GIN ("challengeCodes");

-- CreateIndex
CREATE INDEX "Organisation_sectorCodes_idx" ON "Organisation" USING GIN ("sectorCodes");

-- CreateIndex
CREATE INDEX "Organisation_technologyCodes_idx" ON "Organisation" USING GIN ("technologyCodes");

-- AddForeignKey
ALTER TABLE "RecommendationSnapshot" ADD CONSTRAINT "RecommendationSnapshot_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: retrieval of recommendable organisations, most recently active first. Per tag,
-- the planner walks the first index for common tags and uses the GIN index for rare ones; the
-- second serves the same-region, complementary-kind candidates. Queries must repeat the predicate.
CREATE INDEX "Organisation_recommendable_activity_idx" ON "Organisation" ("lastActiveAt" DESC, "id")
  WHERE "visibility" IN ('public', 'members') AND "unpublishedAt" IS NULL;
CREATE INDEX "Organisation_recommendable_region_kind_idx" ON "Organisation" ("regionCode", "kind", "lastActiveAt" DESC, "id")
  WHERE "visibility" IN ('public', 'members') AND "unpublishedAt" IS NULL;
