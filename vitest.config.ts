import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // End-to-end tests start the built CLI as a process; two cores are all CI has.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
