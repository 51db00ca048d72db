// The per-household rule in SQL with exact decimals (DuckDB treats 0.4 as DECIMAL, not a float).
import { DuckDBInstance } from "@duckdb/node-api";

const file = process.argv[2].replaceAll("'", "''");
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const reader = await connection.runAndReadAll(`
  SELECT count(*) AS failing FROM read_csv('${file}', header = true, all_varchar = true)
  WHERE CAST(community_space_area AS DECIMAL(18, 6))
      < CASE WHEN CAST(land_transfer_date AS DATE) >= DATE '2010-01-01' THEN 0.4 ELSE 0.2 END
        * CAST(households AS BIGINT)`);
console.log(JSON.stringify({ failing: Number(reader.getRowObjects()[0].failing) }));
