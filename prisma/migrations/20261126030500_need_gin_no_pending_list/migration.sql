-- The needs' tag indexes without a pending list, like the organisations' (see
-- 20261125200512_match_gin_no_pending_list): PGlite runs no autovacuum, so with fastupdate new
-- rows would wait in an unsorted list that every filtered look-up scans.
ALTER INDEX "Need_challengeCodes_idx" SET (fastupdate = off);
ALTER INDEX "Need_sectorCodes_idx" SET (fastupdate = off);
ALTER INDEX "Need_technologyCodes_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Need_challengeCodes_idx"'::regclass);
SELECT gin_clean_pending_list('"Need_sectorCodes_idx"'::regclass);
SELECT gin_clean_pending_list('"Need_technologyCodes_idx"'::regclass);
