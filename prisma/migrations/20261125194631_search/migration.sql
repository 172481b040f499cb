-- Search (app/models/search.server.ts, docs/decisions/010-search.md).
--
-- search_document holds one row per searchable organisation or need: only what ranking and
-- filtering read (title, facet codes, weighted tsvectors). Database triggers keep it in step
-- with "Organisation", "Need" and "TaxonomyEntry" and write a search_outbox row in the same
-- transaction, which the worker pushes to Meilisearch when it is configured. The views
-- search_organisation_source and search_need_source are the single definition of a
-- document: the triggers, the rebuild (npm run search:reindex) and the Meilisearch mapping
-- all read them.

-- Highlighting runs ts_headline on the original (accented) text with the same lexemes as the
-- vectors, which are built over immutable_unaccent(text).
CREATE TEXT SEARCH CONFIGURATION passerelle_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION passerelle_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION passerelle_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION passerelle_en
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- A text in both stemmers (profiles mix French and English words).
CREATE FUNCTION search_bilingual_vector(content text, weight "char") RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector('pg_catalog.french', immutable_unaccent(coalesce(content, ''))), weight)
        || setweight(to_tsvector('pg_catalog.english', immutable_unaccent(coalesce(content, ''))), weight)
  $$;

-- A name (or a need's title), weight A.
CREATE FUNCTION search_name_vector(content text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT search_bilingual_vector(content, 'A') $$;

-- A query word in both stemmers, without repeating a lexeme both give (a smaller query
-- tree is a cheaper GIN scan). Immutable: folded to a constant when the query is planned.
CREATE FUNCTION search_term_query(term text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT CASE
      WHEN numnode(fr) = 0 THEN en
      WHEN numnode(en) = 0 OR fr = en THEN fr
      ELSE fr || en
    END
    FROM (SELECT to_tsquery('pg_catalog.french', term) AS fr,
                 to_tsquery('pg_catalog.english', term) AS en) stems
  $$;

CREATE VIEW search_organisation_source AS
SELECT
  'organisation'::text AS doc_type,
  o.id,
  o.id AS organisation_id,
  o.visibility::text AS visibility,
  o.name AS title,
  o.slug,
  o.name AS organisation_name,
  o.kind::text AS kind,
  o."subKind" AS sub_kind,
  o."regionCode" AS region_code,
  o.city,
  o."sectorCodes" AS sector_codes,
  o."technologyCodes" AS technology_codes,
  o."challengeCodes" AS challenge_codes,
  themes.codes AS theme_codes,
  tags.labels_fr AS tag_labels_fr,
  tags.labels_en AS tag_labels_en,
  o."pitchFr" AS summary_fr,
  o."pitchEn" AS summary_en,
  o."descriptionFr" AS body_fr,
  o."descriptionEn" AS body_en,
  o.offers,
  o.seeks,
  o."verifiedAt" IS NOT NULL AS verified,
  NULL::timestamp(3) AS expires_at,
  NULL::timestamp(3) AS deadline,
  (CASE WHEN o."verifiedAt" IS NOT NULL THEN 0.3 ELSE 0 END
    + CASE WHEN length(o."pitchFr") >= 40 THEN 0.2 ELSE 0 END
    + CASE WHEN length(o."descriptionFr") >= 200 THEN 0.2 ELSE 0 END
    + CASE WHEN o.website IS NOT NULL THEN 0.1 ELSE 0 END
    + least(cardinality(o."sectorCodes" || o."technologyCodes" || o."challengeCodes"), 6) * 0.03
  )::real AS quality,
  ARRAY['kind:' || o.kind::text, 'region:' || o."regionCode"]
    || array(SELECT 'sector:' || c FROM unnest(o."sectorCodes") c)
    || array(SELECT 'technology:' || c FROM unnest(o."technologyCodes") c)
    || array(SELECT 'challenge:' || c FROM unnest(o."challengeCodes") c)
    || array(SELECT 'theme:' || c FROM unnest(themes.codes) c) AS facet_codes,
  lower(immutable_unaccent(o.name)) AS name_search,
  named.vector AS name_vector,
  ranked.vector AS rank_vector,
  ranked.vector
    || setweight(to_tsvector('pg_catalog.french', immutable_unaccent(concat_ws(' ', o."descriptionFr", o.offers, o.seeks, themes.labels_fr))), 'D')
    || setweight(to_tsvector('pg_catalog.english', immutable_unaccent(concat_ws(' ', o."descriptionEn", themes.labels_en))), 'D')
    AS search_vector
FROM "Organisation" o
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(t."labelFr" ORDER BY t.kind, t.position, t.code), '{}') AS labels_fr,
         coalesce(array_agg(t."labelEn" ORDER BY t.kind, t.position, t.code), '{}') AS labels_en
  FROM "TaxonomyEntry" t
  WHERE t.code = ANY (o."sectorCodes" || o."technologyCodes" || o."challengeCodes")
     OR t.code = o."subKind"
) tags
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(DISTINCT theme.code), '{}') AS codes,
         string_agg(DISTINCT theme."labelFr", ' ') AS labels_fr,
         string_agg(DISTINCT theme."labelEn", ' ') AS labels_en
  FROM "TaxonomyEntry" challenge
  JOIN "TaxonomyEntry" theme ON theme.code = challenge.parent AND theme.kind = 'theme'
  WHERE challenge.code = ANY (o."challengeCodes")
) themes
LEFT JOIN "TaxonomyEntry" region ON region.code = o."regionCode"
-- OFFSET 0 keeps each vector computed once per row (a pulled-up subquery would be copied
-- into every expression that uses it).
CROSS JOIN LATERAL (SELECT search_name_vector(o.name) AS vector OFFSET 0) named
CROSS JOIN LATERAL (
  SELECT named.vector
    || setweight(to_tsvector('pg_catalog.french', immutable_unaccent(array_to_string(tags.labels_fr, ' '))), 'B')
    || setweight(to_tsvector('pg_catalog.english', immutable_unaccent(array_to_string(tags.labels_en, ' '))), 'B')
    || setweight(to_tsvector('pg_catalog.french', immutable_unaccent(concat_ws(' ', o."pitchFr", o.city, region."labelFr"))), 'C')
    || setweight(to_tsvector('pg_catalog.english', immutable_unaccent(concat_ws(' ', o."pitchEn", region."labelEn"))), 'C')
    AS vector
  OFFSET 0
) ranked
WHERE o.visibility IN ('public', 'members') AND o."unpublishedAt" IS NULL;

-- Needs: open ones of searchable organisations (expiry is checked at query time). An anonymous
-- need carries neither the organisation's name nor its slug or kind, and its name is not indexed.
CREATE VIEW search_need_source AS
SELECT
  'need'::text AS doc_type,
  n.id,
  n."organisationId" AS organisation_id,
  o.visibility::text AS visibility,
  n.title,
  CASE WHEN n.anonymous THEN NULL ELSE o.slug END AS slug,
  CASE WHEN n.anonymous THEN NULL ELSE o.name END AS organisation_name,
  CASE WHEN n.anonymous THEN NULL ELSE o.kind::text END AS kind,
  NULL::text AS sub_kind,
  n."regionCode" AS region_code,
  ''::text AS city,
  n."sectorCodes" AS sector_codes,
  n."technologyCodes" AS technology_codes,
  n."challengeCodes" AS challenge_codes,
  themes.codes AS theme_codes,
  tags.labels_fr AS tag_labels_fr,
  tags.labels_en AS tag_labels_en,
  n.description AS summary_fr,
  n.description AS summary_en,
  ''::text AS body_fr,
  ''::text AS body_en,
  ''::text AS offers,
  ''::text AS seeks,
  false AS verified,
  n."expiresAt" AS expires_at,
  n.deadline,
  (0.5 + CASE WHEN n.deadline IS NOT NULL THEN 0.1 ELSE 0 END
    + least(cardinality(n."sectorCodes" || n."technologyCodes" || n."challengeCodes"), 6) * 0.03
  )::real AS quality,
  CASE WHEN n.anonymous THEN '{}'::text[] ELSE ARRAY['kind:' || o.kind::text] END
    || ARRAY['region:' || n."regionCode"]
    || array(SELECT 'sector:' || c FROM unnest(n."sectorCodes") c)
    || array(SELECT 'technology:' || c FROM unnest(n."technologyCodes") c)
    || array(SELECT 'challenge:' || c FROM unnest(n."challengeCodes") c)
    || array(SELECT 'theme:' || c FROM unnest(themes.codes) c) AS facet_codes,
  lower(immutable_unaccent(n.title)) AS name_search,
  named.vector AS name_vector,
  ranked.vector AS rank_vector,
  ranked.vector
    || search_bilingual_vector(concat_ws(' ', CASE WHEN n.anonymous THEN NULL ELSE o.name END, themes.labels_fr, themes.labels_en), 'D')
    AS search_vector
FROM "Need" n
JOIN "Organisation" o ON o.id = n."organisationId"
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(t."labelFr" ORDER BY t.kind, t.position, t.code), '{}') AS labels_fr,
         coalesce(array_agg(t."labelEn" ORDER BY t.kind, t.position, t.code), '{}') AS labels_en
  FROM "TaxonomyEntry" t
  WHERE t.code = ANY (n."sectorCodes" || n."technologyCodes" || n."challengeCodes")
) tags
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(DISTINCT theme.code), '{}') AS codes,
         string_agg(DISTINCT theme."labelFr", ' ') AS labels_fr,
         string_agg(DISTINCT theme."labelEn", ' ') AS labels_en
  FROM "TaxonomyEntry" challenge
  JOIN "TaxonomyEntry" theme ON theme.code = challenge.parent AND theme.kind = 'theme'
  WHERE challenge.code = ANY (n."challengeCodes")
) themes
LEFT JOIN "TaxonomyEntry" region ON region.code = n."regionCode"
CROSS JOIN LATERAL (SELECT search_name_vector(n.title) AS vector OFFSET 0) named
CROSS JOIN LATERAL (
  SELECT named.vector
    || setweight(to_tsvector('pg_catalog.french', immutable_unaccent(array_to_string(tags.labels_fr, ' '))), 'B')
    || setweight(to_tsvector('pg_catalog.english', immutable_unaccent(array_to_string(tags.labels_en, ' '))), 'B')
    || search_bilingual_vector(concat_ws(' ', n.description, region."labelFr"), 'C')
    AS vector
  OFFSET 0
) ranked
WHERE n.status = 'open' AND o.visibility IN ('public', 'members') AND o."unpublishedAt" IS NULL;

CREATE TABLE search_document (
  doc_type text NOT NULL CHECK (doc_type IN ('organisation', 'need')),
  id text NOT NULL,
  organisation_id text NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('public', 'members')),
  title text NOT NULL,
  expires_at timestamp(3),
  quality real NOT NULL DEFAULT 0,
  facet_codes text[] NOT NULL DEFAULT '{}',
  name_search text NOT NULL,
  name_vector tsvector NOT NULL,
  -- Name, tags and pitch only: ranking reads this small vector, never the full one.
  rank_vector tsvector NOT NULL,
  search_vector tsvector NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT search_document_pkey PRIMARY KEY (doc_type, id)
);

-- Indexes of search_document, also used by the rebuild (which fills a fresh table first).
CREATE FUNCTION search_document_create_indexes(table_name text, suffix text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  -- One index for the text and the facet codes: a filtered search is one exact index scan,
  -- never a scan of one index followed by decompressing vectors to test the other condition.
  EXECUTE format('CREATE INDEX %I ON %I USING gin (search_vector, facet_codes) WITH (fastupdate = off)',
    'search_document_vector_idx' || suffix, table_name);
  EXECUTE format('CREATE INDEX %I ON %I USING gin (name_vector) WITH (fastupdate = off)',
    'search_document_name_vector_idx' || suffix, table_name);
  EXECUTE format('CREATE INDEX %I ON %I USING gin (name_search gin_trgm_ops) WITH (fastupdate = off)',
    'search_document_name_trgm_idx' || suffix, table_name);
  EXECUTE format('CREATE INDEX %I ON %I (doc_type, quality DESC, title, id)',
    'search_document_browse_idx' || suffix, table_name);
  EXECUTE format('CREATE INDEX %I ON %I (organisation_id)',
    'search_document_organisation_idx' || suffix, table_name);
END $$;

SELECT search_document_create_indexes('search_document', '');

-- Vocabulary of the index (lexemes), for typo correction with pg_trgm.
CREATE TABLE search_word (
  word text PRIMARY KEY,
  ndoc integer NOT NULL DEFAULT 1
);
CREATE INDEX search_word_trgm_idx ON search_word USING gin (word gin_trgm_ops) WITH (fastupdate = off);

-- One pending row per document: a later change bumps its revision, so the worker never
-- drops a change that happened while it was pushing an older one.
CREATE TABLE search_outbox (
  id bigserial PRIMARY KEY,
  doc_type text NOT NULL CHECK (doc_type IN ('organisation', 'need', 'taxonomy')),
  doc_id text NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT search_outbox_document_key UNIQUE (doc_type, doc_id)
);
CREATE INDEX search_outbox_due_idx ON search_outbox (next_attempt_at);

CREATE FUNCTION search_enqueue(p_doc_type text, p_doc_id text) RETURNS void
  LANGUAGE sql AS $$
    INSERT INTO search_outbox (doc_type, doc_id) VALUES (p_doc_type, p_doc_id)
    ON CONFLICT (doc_type, doc_id)
    DO UPDATE SET revision = search_outbox.revision + 1, updated_at = now()
  $$;

CREATE FUNCTION search_refresh_organisation(p_id text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document AS d (doc_type, id, organisation_id, visibility, title, expires_at,
    quality, facet_codes, name_search, name_vector, rank_vector, search_vector)
  SELECT doc_type, id, organisation_id, visibility, title, expires_at, quality, facet_codes,
    name_search, name_vector, rank_vector, search_vector
  FROM search_organisation_source WHERE id = p_id
  ON CONFLICT (doc_type, id) DO UPDATE SET
    organisation_id = EXCLUDED.organisation_id, visibility = EXCLUDED.visibility,
    title = EXCLUDED.title, expires_at = EXCLUDED.expires_at, quality = EXCLUDED.quality,
    facet_codes = EXCLUDED.facet_codes, name_search = EXCLUDED.name_search,
    name_vector = EXCLUDED.name_vector, rank_vector = EXCLUDED.rank_vector,
    search_vector = EXCLUDED.search_vector,
    updated_at = now();
  IF NOT FOUND THEN
    DELETE FROM search_document WHERE doc_type = 'organisation' AND id = p_id;
  END IF;
  PERFORM search_enqueue('organisation', p_id);
END $$;

CREATE FUNCTION search_refresh_need(p_id text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_document AS d (doc_type, id, organisation_id, visibility, title, expires_at,
    quality, facet_codes, name_search, name_vector, rank_vector, search_vector)
  SELECT doc_type, id, organisation_id, visibility, title, expires_at, quality, facet_codes,
    name_search, name_vector, rank_vector, search_vector
  FROM search_need_source WHERE id = p_id
  ON CONFLICT (doc_type, id) DO UPDATE SET
    organisation_id = EXCLUDED.organisation_id, visibility = EXCLUDED.visibility,
    title = EXCLUDED.title, expires_at = EXCLUDED.expires_at, quality = EXCLUDED.quality,
    facet_codes = EXCLUDED.facet_codes, name_search = EXCLUDED.name_search,
    name_vector = EXCLUDED.name_vector, rank_vector = EXCLUDED.rank_vector,
    search_vector = EXCLUDED.search_vector,
    updated_at = now();
  IF NOT FOUND THEN
    DELETE FROM search_document WHERE doc_type = 'need' AND id = p_id;
  END IF;
  PERFORM search_enqueue('need', p_id);
END $$;

CREATE FUNCTION search_organisation_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  org_id text;
BEGIN
  IF TG_OP = 'DELETE' THEN org_id := OLD.id; ELSE org_id := NEW.id; END IF;
  PERFORM search_refresh_organisation(org_id);
  -- A need's document depends on its organisation's visibility, name, slug and kind.
  IF TG_OP = 'UPDATE' AND (OLD.visibility, OLD."unpublishedAt", OLD.name, OLD.slug, OLD.kind)
      IS DISTINCT FROM (NEW.visibility, NEW."unpublishedAt", NEW.name, NEW.slug, NEW.kind) THEN
    PERFORM search_refresh_need(n.id) FROM "Need" n WHERE n."organisationId" = org_id;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_need_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM search_refresh_need(OLD.id);
  ELSE
    PERFORM search_refresh_need(NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_taxonomy_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_enqueue('taxonomy', '*');
  RETURN NULL;
END $$;

CREATE TRIGGER search_organisation_insert_delete
  AFTER INSERT OR DELETE ON "Organisation"
  FOR EACH ROW EXECUTE FUNCTION search_organisation_changed();

-- Only changes a document shows: lastActiveAt or updatedAt alone do not touch the index.
CREATE TRIGGER search_organisation_update
  AFTER UPDATE ON "Organisation"
  FOR EACH ROW
  WHEN ((OLD.slug, OLD.kind, OLD."subKind", OLD.name, OLD."pitchFr", OLD."pitchEn",
         OLD."descriptionFr", OLD."descriptionEn", OLD."regionCode", OLD.city, OLD.website,
         OLD."sectorCodes", OLD."technologyCodes", OLD."challengeCodes", OLD.offers, OLD.seeks,
         OLD.visibility, OLD."verifiedAt", OLD."unpublishedAt")
    IS DISTINCT FROM
        (NEW.slug, NEW.kind, NEW."subKind", NEW.name, NEW."pitchFr", NEW."pitchEn",
         NEW."descriptionFr", NEW."descriptionEn", NEW."regionCode", NEW.city, NEW.website,
         NEW."sectorCodes", NEW."technologyCodes", NEW."challengeCodes", NEW.offers, NEW.seeks,
         NEW.visibility, NEW."verifiedAt", NEW."unpublishedAt"))
  EXECUTE FUNCTION search_organisation_changed();

CREATE TRIGGER search_need_insert_delete
  AFTER INSERT OR DELETE ON "Need"
  FOR EACH ROW EXECUTE FUNCTION search_need_changed();

CREATE TRIGGER search_need_update
  AFTER UPDATE ON "Need"
  FOR EACH ROW
  WHEN ((OLD."organisationId", OLD.title, OLD.description, OLD."challengeCodes",
         OLD."sectorCodes", OLD."technologyCodes", OLD.deadline, OLD."regionCode", OLD.status,
         OLD.anonymous, OLD."expiresAt")
    IS DISTINCT FROM
        (NEW."organisationId", NEW.title, NEW.description, NEW."challengeCodes",
         NEW."sectorCodes", NEW."technologyCodes", NEW.deadline, NEW."regionCode", NEW.status,
         NEW.anonymous, NEW."expiresAt"))
  EXECUTE FUNCTION search_need_changed();

-- New, removed or relabelled taxonomy entries change the tag labels inside documents: the
-- worker refreshes every document (one outbox row, whatever the size of the import).
CREATE TRIGGER search_taxonomy_insert_delete
  AFTER INSERT OR DELETE ON "TaxonomyEntry"
  FOR EACH ROW EXECUTE FUNCTION search_taxonomy_changed();

CREATE TRIGGER search_taxonomy_update
  AFTER UPDATE ON "TaxonomyEntry"
  FOR EACH ROW
  WHEN ((OLD."labelFr", OLD."labelEn", OLD.parent, OLD.kind)
    IS DISTINCT FROM (NEW."labelFr", NEW."labelEn", NEW.parent, NEW.kind))
  EXECUTE FUNCTION search_taxonomy_changed();

-- Documents of the rows that exist already.
INSERT INTO search_document (doc_type, id, organisation_id, visibility, title, expires_at,
  quality, facet_codes, name_search, name_vector, rank_vector, search_vector)
SELECT doc_type, id, organisation_id, visibility, title, expires_at, quality, facet_codes,
  name_search, name_vector, rank_vector, search_vector
FROM search_organisation_source
UNION ALL
SELECT doc_type, id, organisation_id, visibility, title, expires_at, quality, facet_codes,
  name_search, name_vector, rank_vector, search_vector
FROM search_need_source;

INSERT INTO search_word (word, ndoc)
SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_document')
WHERE word ~ '^[a-z0-9]+$' AND length(word) BETWEEN 2 AND 40;
