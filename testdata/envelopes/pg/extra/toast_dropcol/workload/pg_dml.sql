-- toast_dropcol: applied after the snapshot (streaming phase)
SET TIME ZONE 'UTC';
-- ~22 kB of md5 hex: stored out of line (TOASTed)
INSERT INTO doc VALUES (2, 'big', (SELECT string_agg(md5(g::text), '') FROM generate_series(1, 700) g), 2);
-- body unchanged and TOASTed -> not in the WAL -> placeholder
UPDATE doc SET title = 'big-renamed' WHERE id = 2;
ALTER TABLE doc DROP COLUMN extra;
INSERT INTO doc VALUES (3, 'after-drop', 'b3');
UPDATE doc SET title = 'after-drop-upd' WHERE id = 3;
DELETE FROM doc WHERE id = 3;
-- TOASTed body again, after the column drop
UPDATE doc SET title = 'big-after-drop' WHERE id = 2;
-- arrays and bytea, each ~20 kB and (nearly) incompressible, stored out of line
INSERT INTO arr VALUES (2, 'big',
  (SELECT array_agg(md5(g::text) ORDER BY g) FROM generate_series(1, 700) g),
  (SELECT array_agg(('x' || substr(md5(g::text), 1, 8))::bit(32)::int ORDER BY g) FROM generate_series(1, 5000) g),
  (SELECT decode(string_agg(md5(g::text), '' ORDER BY g), 'hex') FROM generate_series(1, 1300) g));
-- only note changes: tags, nums, blob are unchanged TOASTed values
UPDATE arr SET note = 'big-upd' WHERE id = 2;
-- one toasted column changed, the others unchanged
UPDATE arr SET nums = '{1,2,3}' WHERE id = 2;
DELETE FROM arr WHERE id = 2;
