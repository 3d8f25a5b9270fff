package io.deltabridge.bench.k2d;

/** One measured run: its printed table line, its rate (rows or change events per second of query time) and peak RSS. */
record Measured(String line, double perSecond, double rssMiB) {}
