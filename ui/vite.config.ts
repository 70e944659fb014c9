// Builds the UI into ui/dist, which tauri.conf.json ("frontendDist") serves
// through Tauri's own protocol. Everything is bundled: no CDN, no web fonts,
// no inline scripts or styles, so the strict CSP holds.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  base: "./",
  clearScreen: false,
  // Svelte's browser build (not its server build) when running tests.
  resolve: mode === "test" ? { conditions: ["browser"] } : {},
  server: {
    port: 1420,
    strictPort: true,
    host: "127.0.0.1",
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.36+ (Debian 12) and Safari 15 share the same engine features.
    target: "safari15",
    sourcemap: false,
    // Inlined assets would become data: URLs, which the CSP refuses.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/testing/setup.ts"],
    restoreMocks: true,
    // Tests read the global stylesheet as text (the theme's rules); Vitest gives other CSS as empty.
    css: { include: [/\/app\.css/] },
  },
}));
