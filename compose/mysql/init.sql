CREATE TABLE inventory.customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200), balance DECIMAL(10,2));
INSERT INTO inventory.customers (name, email, balance) VALUES
  ('Ada', 'ada@example.com', 10.50), ('Brendan', 'brendan@example.com', 0), ('Cleo', NULL, 99.99);
CREATE USER 'debezium'@'%' IDENTIFIED BY 'dbz';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO 'debezium'@'%';
