-- pg-fidelity: applied BEFORE the Debezium snapshot (database inventory, schema public).
SET TIME ZONE 'UTC';
DROP TABLE IF EXISTS measure, gen, feel CASCADE;
DROP TYPE IF EXISTS mood CASCADE;

-- partitioned table (LIST on region), two partitions, 2 rows each
CREATE TABLE measure (id int, region text, v int, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE measure_eu PARTITION OF measure FOR VALUES IN ('eu');
CREATE TABLE measure_us PARTITION OF measure FOR VALUES IN ('us');
INSERT INTO measure VALUES (1, 'eu', 10), (2, 'eu', 20), (3, 'us', 30), (4, 'us', 40);

-- stored generated column
CREATE TABLE gen (id int PRIMARY KEY, a int, b int GENERATED ALWAYS AS (a * 2) STORED);
INSERT INTO gen (id, a) VALUES (1, 1), (2, 5);

-- enum
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE feel (id int PRIMARY KEY, m mood);
INSERT INTO feel VALUES (1, 'sad'), (2, 'ok');
