-- mysql-fidelity: applied BEFORE the Debezium snapshot (database inventory).
SET time_zone = '+00:00';
DROP TABLE IF EXISTS yr, sp;
CREATE TABLE yr (id int PRIMARY KEY, y YEAR, d DATE, dt DATETIME) ENGINE=InnoDB;
INSERT INTO yr VALUES
  (1, 18, '0018-04-01', '0018-04-01 12:34:56'),
  (2, 70, '0070-01-01', '0070-01-01 00:00:00'),
  (3, 0, '0000-01-01', '0000-01-01 00:00:00'),
  (4, 2024, '2024-02-29', '2024-02-29 23:59:59');
CREATE TABLE sp (id int PRIMARY KEY, v int) ENGINE=InnoDB;
INSERT INTO sp VALUES (1, 1);
