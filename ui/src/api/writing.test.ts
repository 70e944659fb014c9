import { describe, expect, test } from "vitest";
import { FakeCore } from "../testing/fakeCore";
import { AppError } from "./errors";
import { KINDS, type Preferences } from "./types";
import { getPreferences, listTemplates, resetTemplate, revealDataFolder, setPreferences, setTemplate } from "./writing";

const preferences: Preferences = { theme: "dark", editor_font_size: 20, show_preview: true, last_view: "settings" };

describe("the template commands", () => {
  test("listing sends no arguments and returns one template per kind as the core sent them", async () => {
    const core = new FakeCore();
    core.templateBodies = { reflection: "## What happened?\n\n" };
    const templates = await listTemplates();
    expect(templates.map((t) => t.kind)).toEqual([...KINDS]);
    expect(templates[0]).toEqual({ kind: "reflection", body: "## What happened?\n\n", built_in: true, updated_at: null });
    expect(core.calls).toEqual([{ command: "list_templates", args: {} }]);
  });

  test("saving sends the kind and the text under the keys `kind` and `body`", async () => {
    const core = new FakeCore();
    const saved = await setTemplate("experiment", "## My hypothesis\n");
    expect(core.calls).toEqual([{ command: "set_template", args: { kind: "experiment", body: "## My hypothesis\n" } }]);
    expect(saved).toMatchObject({ kind: "experiment", body: "## My hypothesis\n", built_in: false });
  });

  test("resetting sends only the kind", async () => {
    const core = new FakeCore();
    await expect(resetTemplate("outcome")).resolves.toMatchObject({ kind: "outcome", built_in: true, updated_at: null });
    expect(core.calls).toEqual([{ command: "reset_template", args: { kind: "outcome" } }]);
  });

  test("a refused template rejects as an AppError with the core's code and message", async () => {
    const core = new FakeCore();
    core.overrides.set("set_template", () => {
      throw { code: "out_of_range", message: "A template can hold at most 20,000 characters." };
    });
    const failure = setTemplate("reflection", "x");
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: "out_of_range", message: "A template can hold at most 20,000 characters." });
  });
});

describe("the preference commands", () => {
  test("reading sends no arguments and returns the core's answer", async () => {
    const core = new FakeCore();
    await expect(getPreferences()).resolves.toEqual({ theme: "system", editor_font_size: 17, show_preview: true, last_view: null });
    expect(core.calls).toEqual([{ command: "get_preferences", args: {} }]);
  });

  test("saving sends every preference, in snake_case, under the key `preferences`", async () => {
    const core = new FakeCore();
    await expect(setPreferences(preferences)).resolves.toEqual(preferences);
    expect(core.calls).toEqual([{ command: "set_preferences", args: { preferences } }]);
    const sent = core.calls[0].args.preferences as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(["editor_font_size", "last_view", "show_preview", "theme"]);
  });

  test("a text size out of range is refused with out_of_range", async () => {
    new FakeCore();
    await expect(setPreferences({ ...preferences, editor_font_size: 40 })).rejects.toMatchObject({ code: "out_of_range" });
  });
});

describe("the data folder command", () => {
  test("revealing sends no arguments: the page never names a path", async () => {
    const core = new FakeCore();
    await expect(revealDataFolder()).resolves.toBeNull();
    expect(core.calls).toEqual([{ command: "reveal_data_folder", args: {} }]);
  });
});
