import { describe, expect, test, vi } from "vitest";
import type { Component } from "svelte";
import { Lazy, afterPaint } from "./lazy.svelte";

const Screen = (() => {}) as unknown as Component;

describe("a part of the window loaded when needed", () => {
  test("has no component until its code has arrived, then has it", async () => {
    const lazy = new Lazy(() => Promise.resolve({ default: Screen }));
    expect(lazy.component).toBeNull();
    await lazy.load();
    expect(lazy.component).toBe(Screen);
    expect(lazy.failed).toBeNull();
  });

  test("fetches its code once, however often it is asked for", async () => {
    const load = vi.fn(() => Promise.resolve({ default: Screen }));
    const lazy = new Lazy(load);
    await Promise.all([lazy.load(), lazy.load()]);
    await lazy.load();
    expect(load).toHaveBeenCalledOnce();
  });

  test("says why its code did not load, and tries again when asked once more", async () => {
    const load = vi
      .fn<() => Promise<{ default: Component }>>()
      .mockRejectedValueOnce(new Error("Importing a module script failed."))
      .mockResolvedValueOnce({ default: Screen });
    const lazy = new Lazy(load);
    await lazy.load();
    expect(lazy.component).toBeNull();
    expect(lazy.failed).toBe("Importing a module script failed.");
    await lazy.load();
    expect(load).toHaveBeenCalledTimes(2);
    expect(lazy.component).toBe(Screen);
    expect(lazy.failed, "a later success clears the failure").toBeNull();
  });
});

describe("afterPaint", () => {
  test("runs the work after the next frame, not before", async () => {
    const work = vi.fn();
    afterPaint(work);
    expect(work).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(work).toHaveBeenCalledOnce());
  });
});
