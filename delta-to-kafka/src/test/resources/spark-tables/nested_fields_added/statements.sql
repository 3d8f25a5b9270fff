CREATE TABLE %s (id BIGINT, s STRUCT<a: INT>, arr ARRAY<STRUCT<x: INT>>, m MAP<STRING, STRUCT<v: INT>>) USING delta TBLPROPERTIES (delta.enableChangeDataFeed = true);
INSERT INTO %s VALUES (1, named_struct('a', 1), array(named_struct('x', 1)), map('k', named_struct('v', 1)));
ALTER TABLE %s ADD COLUMNS (s.b STRING, arr.element.y STRING, m.value.w STRING);
INSERT INTO %s VALUES (2, named_struct('a', 2, 'b', 'two'), array(named_struct('x', 2, 'y', 'two')), map('k', named_struct('v', 2, 'w', 'two')));
UPDATE %s SET s = named_struct('a', 10, 'b', 'ten') WHERE id = 1;
