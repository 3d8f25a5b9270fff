CREATE TABLE %s (id BIGINT, name STRING, qty SMALLINT) USING delta TBLPROPERTIES (delta.enableChangeDataFeed = true, 'delta.columnMapping.mode' = 'name');
INSERT INTO %s VALUES (1, 'a', 1), (2, 'b', 2);
ALTER TABLE %s RENAME COLUMN name TO label;
INSERT INTO %s (id, qty) VALUES (3, 3);
UPDATE %s SET label = 'bb' WHERE id = 2;
