CREATE TABLE %s (id BIGINT, name STRING, qty SMALLINT) USING delta TBLPROPERTIES (delta.enableChangeDataFeed = true, 'delta.columnMapping.mode' = 'id');
INSERT INTO %s VALUES (1, 'a', 1), (2, 'b', 2);
ALTER TABLE %s DROP COLUMN name;
INSERT INTO %s (id, qty) VALUES (3, 3);
DELETE FROM %s WHERE id = 1;
