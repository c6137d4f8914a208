CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text, balance numeric(10,2));
INSERT INTO customers (name, email, balance) VALUES
  ('Ada', 'ada@example.com', 10.50), ('Brendan', 'brendan@example.com', 0), ('Cleo', NULL, 99.99);
