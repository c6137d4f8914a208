-- txmeta: loaded before the snapshot (provide.transaction.metadata=true)
SET TIME ZONE 'UTC';
CREATE TABLE a (id int PRIMARY KEY, v text);
CREATE TABLE b (id int PRIMARY KEY, n int);
-- third table: Java HashMap order of "public.c" (bucket 4) comes before "public.a" (6) and "public.b" (7)
CREATE TABLE c (id int PRIMARY KEY, s text);
INSERT INTO a VALUES (1, 'one'), (2, 'two');
INSERT INTO b VALUES (1, 10), (2, 20);
INSERT INTO c VALUES (0, 'c-zero');
