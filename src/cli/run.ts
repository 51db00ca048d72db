import { run } from "./index.js";

run();
