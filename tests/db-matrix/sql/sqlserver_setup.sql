-- Prepares a SQL Server database for redcdc (and Debezium's SQL Server connector), as the live
-- matrix (REDCDC_SQLSERVER) runs it for each scenario's database. Run it by hand with
--   sqlcmd -S <host>,<port> -U sa -P <password> -v DB=inventory -i sqlserver_setup.sql
-- then enable each captured table (the matrix does this after each CREATE TABLE):
--   EXEC [inventory].sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'<table>',
--        @role_name = NULL, @supports_net_changes = 0;
--
-- The SQL Server Agent runs the capture job and must be running: in the official Linux image
-- start the container with MSSQL_AGENT_ENABLED=true; on Windows start the "SQL Server Agent"
-- service. `collector check` reports it when it is not.

IF DB_ID(N'$(DB)') IS NULL CREATE DATABASE [$(DB)];
-- snapshot.isolation.mode=snapshot (exactly once without locks) needs row versions
ALTER DATABASE [$(DB)] SET ALLOW_SNAPSHOT_ISOLATION ON;
-- CDC on the database: creates the cdc schema, the capture and cleanup jobs
EXEC [$(DB)].sys.sp_cdc_enable_db;
