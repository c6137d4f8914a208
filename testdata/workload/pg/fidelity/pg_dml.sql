-- pg-fidelity: applied AFTER the snapshot (streaming phase).
SET TIME ZONE 'UTC';
-- partitioned table, written through the parent
INSERT INTO measure VALUES (5, 'eu', 50);
INSERT INTO measure VALUES (6, 'us', 60);
UPDATE measure SET v = 11 WHERE id = 1 AND region = 'eu';
DELETE FROM measure WHERE id = 4 AND region = 'us';
-- generated column
INSERT INTO gen (id, a) VALUES (3, 7);
UPDATE gen SET a = 9 WHERE id = 1;
-- enum: new label added while streaming
ALTER TYPE mood ADD VALUE 'happy';
INSERT INTO feel VALUES (3, 'happy');
UPDATE feel SET m = 'happy' WHERE id = 1;
