-- toast_dropcol: loaded before the snapshot. Default replica identity on both tables.
SET TIME ZONE 'UTC';
CREATE TABLE doc (id int PRIMARY KEY, title text, body text, extra int);
INSERT INTO doc VALUES (1, 'first', 'small body', 1);
CREATE TABLE arr (id int PRIMARY KEY, note text, tags text[], nums int[], blob bytea);
INSERT INTO arr VALUES (1, 'snap', '{a,b}', '{1,2}', '\x0102'::bytea);
