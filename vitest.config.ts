import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The MNIST-wide property tests take a few seconds each on two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
