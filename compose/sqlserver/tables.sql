CREATE TABLE dbo.customers (id INT IDENTITY PRIMARY KEY, name NVARCHAR(100) NOT NULL, email NVARCHAR(200), balance DECIMAL(10,2));
INSERT INTO dbo.customers (name, email, balance) VALUES
  (N'Ada', N'ada@example.com', 10.50), (N'Brendan', N'brendan@example.com', 0), (N'Cleo', NULL, 99.99);
EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'customers', @role_name = NULL, @supports_net_changes = 0;
