-- message.key.columns: a keyless table keyed by a nullable column pair (listed out of column
-- order), and a table whose primary key is replaced by another column.
CREATE TABLE nokey (a INT, b TEXT, c VARCHAR(20) NOT NULL, v INT);
ALTER TABLE nokey REPLICA IDENTITY FULL;
INSERT INTO nokey VALUES (1, 'one', 'x', 0), (2, NULL, 'y', 0), (NULL, 'three', 'z', 0);
CREATE TABLE withpk (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, v INT);
ALTER TABLE withpk REPLICA IDENTITY FULL;
INSERT INTO withpk VALUES (1, 'A', 0), (2, 'B', 0);
