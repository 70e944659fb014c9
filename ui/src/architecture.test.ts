// Rules of the layout (STYLE.md) that a reviewer should not have to check by eye.
import { describe, expect, test } from "vitest";

const sources = import.meta.glob<string>(["./**/*.ts", "./**/*.svelte", "!./**/*.test.ts", "!./testing/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

const filesMatching = (pattern: RegExp) =>
  Object.entries(sources)
    .filter(([, text]) => pattern.test(text))
    .map(([path]) => path)
    .sort();

describe("the layout of the UI", () => {
  test("the sources were found, so the rules below are checked against something", () => {
    expect(Object.keys(sources)).toContain("./App.svelte");
    expect(Object.keys(sources)).toContain("./api/entries.ts");
  });

  test("only src/api/ talks to Tauri", () => {
    const outside = filesMatching(/@tauri-apps\/api/).filter((path) => !path.startsWith("./api/"));
    expect(outside).toEqual([]);
  });

  test("only the generated bindings call invoke, and only ipc.ts calls them, so every rejection becomes an AppError", () => {
    expect(filesMatching(/\b(invoke|__TAURI_INVOKE)\s*[<(]/)).toEqual(["./api/bindings.ts"]);
    expect(filesMatching(/from\s+["']\.\/bindings["']/).filter((path) => !/^\.\/api\/(ipc|types)\.ts$/.test(path))).toEqual([]);
    expect(sources["./api/types.ts"]).not.toMatch(/import\s+\{/);
  });

  test("the only raw HTML inserted is the core's sanitised rendering of an entry", () => {
    expect(filesMatching(/\{@html\s/)).toEqual(["./components/Prose.svelte"]);
    expect(sources["./components/Prose.svelte"].match(/\{@html\s+[^}]*\}/g)).toEqual(["{@html html}"]);
  });

  test("nothing is loaded from the network", () => {
    const all = { ...sources, ...import.meta.glob<string>(["../index.html", "./**/*.css"], { query: "?raw", import: "default", eager: true }) };
    expect(Object.keys(all)).toContain("../index.html");
    expect(Object.keys(all)).toContain("./app.css");
    const remote = Object.entries(all)
      .filter(([, text]) => /(src|href)\s*=\s*["']?(https?:)?\/\/|@import\s+url\(|url\(\s*["']?https?:/i.test(text))
      .map(([path]) => path);
    expect(remote).toEqual([]);
  });
});
