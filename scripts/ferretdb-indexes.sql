-- Index-served equality for the local FerretDB 1.24 (PostgreSQL backend). Applied by scripts/infra.sh to FerretDB's
-- database before FerretDB starts; idempotent. Production runs on MongoDB and never sees this.
--
-- Why (measured here, docs/decisions/0008-ferretdb-equality-indexes.md): FerretDB answers a filter on a field, `_id`
-- included, with `WHERE _jsonb->$1 @> $2`. Its own btree indexes on `(_jsonb->'field')` cannot serve `@>`, and with
-- the key as a parameter a generic plan cannot match an expression index at all: every look-up by `_id` was a
-- sequential scan (25 ms at 20,000 credentials, about 1.2 µs per document). With custom plans (the key is known when
-- planning) and a GIN `jsonb_path_ops` twin of each single-field index, the same look-up is an index scan (3 ms hit,
-- 1.6 ms miss at 20,000, independent of the size).

-- 1. plan every statement with its parameters (the field name becomes a constant the index can match)
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database()); END $$;

-- 1b. no parallel plans and no JIT for these point look-ups. PostgreSQL has no statistics for a containment on an
-- expression and estimates a third of the table for `@>`: past about 100,000 documents it planned the `_id` look-up
-- as a Gather over two workers with JIT-compiled expressions, 136 ms for a 0.4 ms index scan (measured at
-- 1,000,000 documents; below the cost thresholds, at 10,000, the plan was the plain index scan).
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
  EXECUTE format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
END $$;

-- 2. each single-field index FerretDB creates on `(_jsonb -> 'field')` gets a GIN twin that serves `@>`
CREATE OR REPLACE FUNCTION obp_ferretdb_gin_twin() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cmd record;
  def text;
  field text;
  tbl text;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    def := pg_get_indexdef(cmd.objid);
    -- only FerretDB's btree indexes on one top-level field: "... USING btree (((_jsonb -> 'field'::text)))"
    field := substring(def FROM 'USING btree \(\(\(_jsonb -> ''([^'']+)''::text\)\)\)$');
    CONTINUE WHEN field IS NULL;
    SELECT format('%I.%I', n.nspname, c.relname) INTO tbl
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indexrelid = cmd.objid;
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L) jsonb_path_ops) WITH (fastupdate = off)',
      left(md5(tbl || ':' || field), 20) || '_gin', tbl, field);
  END LOOP;
END $fn$;

DROP EVENT TRIGGER IF EXISTS obp_ferretdb_gin_twin;
CREATE EVENT TRIGGER obp_ferretdb_gin_twin ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION obp_ferretdb_gin_twin();
