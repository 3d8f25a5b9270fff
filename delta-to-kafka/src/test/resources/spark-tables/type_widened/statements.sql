CREATE TABLE %s (id BIGINT, name STRING, qty SMALLINT) USING delta TBLPROPERTIES (delta.enableChangeDataFeed = true, 'delta.enableTypeWidening' = 'true');
INSERT INTO %s VALUES (1, 'a', 1), (2, 'b', 2);
ALTER TABLE %s ALTER COLUMN qty TYPE INT;
INSERT INTO %s (id, qty) VALUES (3, 3);
UPDATE %s SET qty = 100000 WHERE id = 2;
