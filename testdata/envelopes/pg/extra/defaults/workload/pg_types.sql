-- defaults: loaded before the snapshot. Default replica identity.
SET TIME ZONE 'UTC';
CREATE TABLE dflt (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int NOT NULL DEFAULT 5, b varchar(10) DEFAULT 'x',
  c numeric(5,2) DEFAULT 1.5, d boolean NOT NULL DEFAULT true, e timestamptz NOT NULL DEFAULT now(), f date DEFAULT '2020-01-01',
  g text NOT NULL DEFAULT '', h bigint DEFAULT -3, i smallint NOT NULL DEFAULT 0, j uuid DEFAULT gen_random_uuid(),
  k double precision DEFAULT 2.5, l real DEFAULT 1.25, m json DEFAULT '{}', n interval DEFAULT '1 day', o time DEFAULT '12:00');
INSERT INTO dflt DEFAULT VALUES;
