-- GIN indexes of match retrieval without a pending list. With fastupdate (the default), new
-- rows wait in an unsorted list that every look-up scans until a vacuum merges it: on PGlite,
-- which runs no autovacuum, a rare tag's look-up took 28 ms instead of 0.1 ms at 30 000
-- organisations, and the planner, seeing the pending pages, avoided the index. Organisations
-- change rarely, so updating the index directly costs little.
ALTER INDEX "Organisation_challengeCodes_idx" SET (fastupdate = off);
ALTER INDEX "Organisation_sectorCodes_idx" SET (fastupdate = off);
ALTER INDEX "Organisation_technologyCodes_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Organisation_challengeCodes_idx"'::regclass);
SELECT gin_clean_pending_list('"Organisation_sectorCodes_idx"'::regclass);
SELECT gin_clean_pending_list('"Organisation_technologyCodes_idx"'::regclass);
