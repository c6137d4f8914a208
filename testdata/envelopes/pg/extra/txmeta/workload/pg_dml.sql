-- txmeta: applied after the snapshot (streaming phase)
SET TIME ZONE 'UTC';
-- single-statement (autocommit) inserts: one transaction each
INSERT INTO a VALUES (3, 'three');
INSERT INTO b VALUES (3, 30);
-- one multi-statement transaction touching all three tables; order of first touch: b, a, c
BEGIN;
INSERT INTO b VALUES (4, 40);
INSERT INTO a VALUES (4, 'four');
UPDATE a SET v = 'one-upd' WHERE id = 1;
UPDATE b SET n = n + 1 WHERE id = 2;
DELETE FROM a WHERE id = 2;
DELETE FROM b WHERE id = 1;
INSERT INTO c VALUES (1, 'c-one');
INSERT INTO a VALUES (5, 'five');
COMMIT;
-- single-statement update (autocommit)
UPDATE a SET v = 'three-upd' WHERE id = 3;
-- rolled back transaction: must produce nothing
BEGIN;
INSERT INTO a VALUES (99, 'rolled-back');
UPDATE b SET n = 0;
ROLLBACK;
-- one statement updating several rows (one transaction, 3 events)
UPDATE b SET n = n * 2;
