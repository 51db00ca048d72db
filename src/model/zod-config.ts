import { config } from "zod";

// Zod compiles a parser for each object schema (new Function) the first time it is used. That
// pays off after thousands of parses; a run parses its rule pack once and only the records that
// are not plainly valid, so compiling cost more start-up time than it ever saved.
config({ jitless: true });
