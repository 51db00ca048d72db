// The bare reference: csv-parse over the file with no options, counting records.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

let records = 0;
const parser = createReadStream(process.argv[2]).pipe(parse());
for await (const _record of parser) records++;
console.log(JSON.stringify({ records }));
