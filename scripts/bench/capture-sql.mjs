// Preloaded (`node --import`) into the app or the ceiling by `npm run bench -- --capture-sql`:
// appends every statement the process sends to PostgreSQL through `pg` (text and parameter
// values) to the file named by BENCH_SQL_LOG, one JSON object a line. Never used while measuring.
import { appendFileSync } from "node:fs";
import pg from "pg";

const file = process.env.BENCH_SQL_LOG;
if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(config, values, callback) {
    const text = typeof config === "string" ? config : config?.text;
    const params = Array.isArray(values) ? values : Array.isArray(config?.values) ? config.values : [];
    if (text) appendFileSync(file, JSON.stringify({ pid: process.pid, text, values: params }) + "\n");
    return original.call(this, config, values, callback);
  };
}
