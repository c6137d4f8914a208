-- mysql-fidelity: applied AFTER the snapshot (streaming phase).
SET time_zone = '+00:00';
INSERT INTO yr VALUES
  (11, 18, '0018-04-01', '0018-04-01 12:34:56'),
  (12, 70, '0070-01-01', '0070-01-01 00:00:00'),
  (13, 0, '0000-01-01', '0000-01-01 00:00:00'),
  (14, 2024, '2024-02-29', '2024-02-29 23:59:59');
-- savepoints
BEGIN;
INSERT INTO sp VALUES (2, 1);
SAVEPOINT s1;
INSERT INTO sp VALUES (3, 1);
ROLLBACK TO SAVEPOINT s1;
RELEASE SAVEPOINT s1;
COMMIT;
-- XA transaction
XA START 'x1';
INSERT INTO sp VALUES (4, 1);
XA END 'x1';
XA PREPARE 'x1';
XA COMMIT 'x1';
UPDATE sp SET v = 5 WHERE id = 2;
