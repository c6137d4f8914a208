-- defaults: applied after the snapshot (streaming phase)
SET TIME ZONE 'UTC';
INSERT INTO dflt DEFAULT VALUES;
ALTER TABLE dflt ADD COLUMN p int NOT NULL DEFAULT 7;
INSERT INTO dflt DEFAULT VALUES;
-- explicit NULLs in the nullable columns that have a default (the JSON converter shows the schema default for a null)
INSERT INTO dflt (b, c, f, h, j, k, l, m, n, o) VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
UPDATE dflt SET b = NULL, h = NULL WHERE id = 2;
-- default replica identity: the old tuple carries only the key
DELETE FROM dflt WHERE id = 1;
