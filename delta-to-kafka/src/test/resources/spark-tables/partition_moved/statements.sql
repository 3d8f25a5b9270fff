CREATE TABLE %s (id BIGINT, p INT, name STRING) USING delta PARTITIONED BY (p) TBLPROPERTIES (delta.enableChangeDataFeed = true);
INSERT INTO %s VALUES (1, 1, 'a'), (6, 2, 'f'), (7, 2, 'g'), (8, 2, 'h');
UPDATE %s SET p = 1, name = upper(name) WHERE id IN (7, 8);
UPDATE %s SET name = 'ff' WHERE id = 6;
