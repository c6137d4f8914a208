-- txmeta: loaded before the snapshot (provide.transaction.metadata=true)
SET TIME ZONE 'UTC';
CREATE TABLE a (id int PRIMARY KEY, v text);
CREATE TABLE b (id int PRIMARY KEY, n int);
INSERT INTO a VALUES (1, 'one'), (2, 'two');
INSERT INTO b VALUES (1, 10), (2, 20);
