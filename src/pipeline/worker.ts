import { serveParts } from "./serve-parts.js";

/** The script a worker starts when the caller names none (see CheckSettings.workerEntry). */
await serveParts();
