-- defaults: applied after the snapshot (streaming phase)
SET TIME ZONE 'UTC';
INSERT INTO dflt DEFAULT VALUES;
ALTER TABLE dflt ADD COLUMN p int NOT NULL DEFAULT 7;
INSERT INTO dflt DEFAULT VALUES;
-- default replica identity: the old tuple carries only the key
DELETE FROM dflt WHERE id = 1;
