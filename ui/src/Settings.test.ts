// The Settings screen (data folder, appearance, templates), mounted on its
// own with the fake core and driven as people and the end-to-end tests use
// it: controls found by role, label and name, never by CSS class.
import { flushSync } from "svelte";
import { afterEach, describe, expect, test, vi } from "vitest";
import appCss from "./app.css?raw";
import SettingsScreen from "./components/SettingsScreen.svelte";
import { formatInstant } from "./lib/dates";
import { applyDesktopFont, applyLook, applyStoredTheme, Preferences, THEME_KEY } from "./lib/preferences.svelte";
import { Settings } from "./lib/settings.svelte";
import { button, field, select, text, type } from "./testing/dom";
import { show } from "./testing/page";
import { FakeCore } from "./testing/fakeCore";

/** Short stand-ins for the core's built-in templates, one for each kind that has one. */
const BUILT_IN_TEMPLATES = {
  reflection: "## What happened?\n\n",
  experiment: "## If I …, I expect …\n\n",
  outcome: "## What did I expect to happen?\n\n",
  session_prep: "## My issue in one sentence\n\n",
  session_notes: "## What was said\n\n",
};

/** A fake core whose templates are the stand-ins above. */
function fakeCore(): FakeCore {
  const core = new FakeCore();
  core.templateBodies = { ...BUILT_IN_TEMPLATES };
  return core;
}

/** A core where the person wrote their own reflection template on 2 May. */
function coreWithOwnReflection(): FakeCore {
  const core = fakeCore();
  core.ownTemplates.set("reflection", {
    kind: "reflection",
    body: "My own questions",
    built_in: false,
    updated_at: "2026-05-02T10:00:00+02:00",
  });
  return core;
}
const html = document.documentElement;

type Opened = { core: FakeCore; settings: Settings; preferences: Preferences; changed: () => number };

/** Installs `core`, loads the preferences as the window does once the journal is open, and shows the screen. */
async function openSettings(core = fakeCore()): Promise<Opened> {
  let changes = 0;
  const settings = new Settings(() => changes++);
  const preferences = new Preferences();
  await preferences.load();
  show(SettingsScreen, { settings, preferences });
  await vi.waitFor(() => expect(field("Template text").value).not.toBe(""));
  return { core, settings, preferences, changed: () => changes };
}

afterEach(() => {
  delete html.dataset.theme;
  html.removeAttribute("style");
  localStorage.clear();
});

const section = (title: string) =>
  [...document.querySelectorAll("h3")].find((h) => text(h) === title)?.closest("section") ?? null;
const statusOf = (title: string) => text(section(title)?.querySelector('[role="status"]'));
const alertOf = (title: string) => text(section(title)?.querySelector('[role="alert"]'));
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

describe("the Settings screen", () => {
  test("opens at its heading with the data folder, appearance and templates, each under its plain name", async () => {
    await openSettings();
    expect(text(document.querySelector("h2"))).toBe("Settings");
    expect(document.activeElement?.textContent, "the screen's heading takes the focus").toBe("Settings");
    expect([...document.querySelectorAll("section h3")].map(text)).toEqual(["Data folder", "Appearance", "Templates"]);
    expect(text(document.querySelector("fieldset legend"))).toBe("Theme");
    expect(field("Same as the system").checked, "nothing chosen yet means following the system").toBe(true);
    expect(field("Text size in the editor").type).toBe("range");
    expect(text(section("Appearance"))).toContain("17 px");
  });

  test("every control has a name a screen reader can say", async () => {
    await openSettings();
    for (const control of document.querySelectorAll("input, select, textarea, button")) {
      const id = control.getAttribute("id");
      const named =
        (id !== null && document.querySelector(`label[for="${id}"]`) !== null) ||
        control.hasAttribute("aria-label") ||
        (control.tagName === "BUTTON" && text(control) !== "");
      expect(named, `${control.outerHTML} has no accessible name`).toBe(true);
    }
  });
});

describe("the data folder", () => {
  test("shows where the journal is kept, and “Show in file manager” asks the core to open it", async () => {
    const { core } = await openSettings();
    await vi.waitFor(() => expect(text(section("Data folder"))).toContain("/home/person/.local/share/Praxis"));
    button("Show in file manager").click();
    await vi.waitFor(() => expect(core.callsOf("reveal_data_folder")).toEqual([{}]));
    expect(alertOf("Data folder")).toBe("");
  });

  test("a file manager that cannot be opened is said plainly, with the core's message", async () => {
    const core = fakeCore();
    core.overrides.set("reveal_data_folder", () => {
      throw { code: "io", message: "The file manager could not be opened. The folder is /home/person/Praxis." };
    });
    await openSettings(core);
    button("Show in file manager").click();
    await vi.waitFor(() =>
      expect(alertOf("Data folder")).toBe("The file manager could not be opened. The folder is /home/person/Praxis."),
    );
  });
});

describe("the appearance", () => {
  test("choosing Dark colours the window at once, is saved, and is remembered for the lock screen", async () => {
    const { core } = await openSettings();
    field("Dark").click();
    expect(html.dataset.theme, "the change shows before the core answers").toBe("dark");
    await vi.waitFor(() => expect(core.preferences.theme).toBe("dark"));
    expect(core.callsOf("set_preferences")).toEqual([
      { preferences: { theme: "dark", editor_font_size: 17, show_preview: true, last_view: null } },
    ]);
    expect(localStorage.getItem(THEME_KEY), "the next start must not flash the wrong colours").toBe("dark");

    field("Same as the system").click();
    await vi.waitFor(() => expect(core.preferences.theme).toBe("system"));
    expect("theme" in html.dataset, "following the system means no explicit theme on the page").toBe(false);
  });

  test("the text size is shown, saved, and sets the editor's size on the page", async () => {
    const { core } = await openSettings();
    type(field("Text size in the editor"), "21");
    expect(html.style.getPropertyValue("--editor-font-size")).toBe("21px");
    await vi.waitFor(() => expect(core.preferences.editor_font_size).toBe(21));
    expect(core.callsOf("set_preferences")).toEqual([
      { preferences: { theme: "system", editor_font_size: 21, show_preview: true, last_view: null } },
    ]);
    expect(text(section("Appearance"))).toContain("21 px");
  });

  test("the saved preferences are shown and applied when the screen opens", async () => {
    const core = fakeCore();
    core.preferences = { theme: "light", editor_font_size: 24, show_preview: true, last_view: "settings" };
    await openSettings(core);
    expect(field("Light").checked).toBe(true);
    expect(field("Text size in the editor").value).toBe("24");
    expect(html.dataset.theme).toBe("light");
    expect(html.style.getPropertyValue("--editor-font-size")).toBe("24px");
  });

  test("a refused change goes back to what was saved and says why", async () => {
    const core = fakeCore();
    core.overrides.set("set_preferences", () => {
      throw { code: "io", message: "Praxis could not save your settings. Is the disk full?" };
    });
    await openSettings(core);
    field("Dark").click();
    await vi.waitFor(() => expect(alertOf("Appearance")).toBe("Praxis could not save your settings. Is the disk full?"));
    expect(field("Same as the system").checked, "the choice shown must be the one kept").toBe(true);
    expect("theme" in html.dataset).toBe(false);
    expect(localStorage.getItem(THEME_KEY)).not.toBe("dark");
  });

  test("quick changes are saved one after another, so the last one is what is kept", async () => {
    const { core } = await openSettings();
    for (const size of ["18", "19", "20"]) type(field("Text size in the editor"), size);
    field("Dark").click();
    await vi.waitFor(() => expect(core.callsOf("set_preferences")).toHaveLength(4));
    expect(core.preferences).toEqual({ theme: "dark", editor_font_size: 20, show_preview: true, last_view: null });
  });
});

describe("the templates", () => {
  test("offer every kind a person starts, and show the chosen kind's text", async () => {
    await openSettings();
    expect([...field("Template for").options].map((o) => [o.value, text(o)])).toEqual([
      ["reflection", "Reflection"],
      ["experiment", "Experiment"],
      ["outcome", "Outcome"],
      ["session_prep", "Session prep"],
      ["session_notes", "Session notes"],
    ]);
    expect(field("Template text").value).toBe(BUILT_IN_TEMPLATES.reflection);
    expect(statusOf("Templates")).toBe("This is the template built into Praxis.");
    expect(text(section("Templates"))).toContain("Each new entry of a kind starts from that kind's template.");
    expect(button("Save template").disabled, "nothing to save yet").toBe(true);
    expect(button("Use the built-in template").disabled, "it is the built-in one already").toBe(true);

    select(field("Template for"), "outcome");
    await vi.waitFor(() => expect(field("Template text").value).toBe(BUILT_IN_TEMPLATES.outcome));
  });

  test("an edited template is sent to set_template, and the status says it was saved", async () => {
    const { core, changed } = await openSettings();
    type(field("Template text"), "## What did I notice today?\n");
    flushSync();
    expect(statusOf("Templates")).toBe("Changes not saved yet.");
    expect(button("Save template").disabled).toBe(false);
    button("Save template").click();
    await vi.waitFor(() => expect(statusOf("Templates")).toBe("Saved."));
    expect(core.callsOf("set_template")).toEqual([{ kind: "reflection", body: "## What did I notice today?\n" }]);
    expect(changed(), "new entries must read the templates again").toBe(1);
    expect(button("Save template").disabled).toBe(true);
    expect(button("Use the built-in template").disabled).toBe(false);

    select(field("Template for"), "experiment");
    select(field("Template for"), "reflection");
    await vi.waitFor(() =>
      expect(statusOf("Templates")).toBe(`Your own template, last changed ${formatInstant("2026-05-10T14:00:00+02:00")}.`),
    );
  });

  test("“Use the built-in template” asks first, then goes back with reset_template", async () => {
    const core = coreWithOwnReflection();
    const { changed } = await openSettings(core);
    expect(field("Template text").value).toBe("My own questions");
    button("Use the built-in template").click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(text(dialog())).toContain("Your own template for Reflection will be replaced");
    expect(core.callsOf("reset_template"), "nothing is reset before the yes").toEqual([]);

    button("Use the built-in template", dialog()!).click();
    await vi.waitFor(() => expect(statusOf("Templates")).toBe("Back to the template built into Praxis."));
    expect(core.callsOf("reset_template")).toEqual([{ kind: "reflection" }]);
    expect(field("Template text").value).toBe(BUILT_IN_TEMPLATES.reflection);
    expect(dialog()).toBeNull();
    expect(changed()).toBe(1);
  });

  test("cancelling the question keeps the person's own template", async () => {
    const core = coreWithOwnReflection();
    await openSettings(core);
    button("Use the built-in template").click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    button("Cancel", dialog()!).click();
    await vi.waitFor(() => expect(dialog()).toBeNull());
    expect(core.callsOf("reset_template")).toEqual([]);
    expect(field("Template text").value).toBe("My own questions");
  });

  test("a refused save shows the core's message and keeps the text that was typed", async () => {
    const core = fakeCore();
    core.overrides.set("set_template", () => {
      throw { code: "out_of_range", message: "A template can hold at most 20,000 characters." };
    });
    const { changed } = await openSettings(core);
    type(field("Template text"), "A very long template");
    flushSync();
    button("Save template").click();
    await vi.waitFor(() => expect(alertOf("Templates")).toBe("A template can hold at most 20,000 characters."));
    expect(field("Template text").value, "nothing typed may be lost").toBe("A very long template");
    expect(statusOf("Templates")).toBe("Changes not saved yet.");
    expect(changed()).toBe(0);
  });

  test("choosing another kind keeps the unsaved text of each kind, and says which are not saved", async () => {
    const { core } = await openSettings();
    type(field("Template text"), "Reflection, my way");
    select(field("Template for"), "experiment");
    await vi.waitFor(() => expect(field("Template text").value).toBe(BUILT_IN_TEMPLATES.experiment));
    expect(text(field("Template for").options[0])).toBe("Reflection (not saved)");
    expect(core.callsOf("set_template"), "choosing a kind saves nothing").toEqual([]);

    select(field("Template for"), "reflection");
    await vi.waitFor(() => expect(field("Template text").value).toBe("Reflection, my way"));
    expect(statusOf("Templates")).toBe("Changes not saved yet.");
  });

  test("typing back the saved text leaves nothing to save", async () => {
    await openSettings();
    type(field("Template text"), "changed");
    type(field("Template text"), BUILT_IN_TEMPLATES.reflection);
    flushSync();
    expect(button("Save template").disabled).toBe(true);
    expect(statusOf("Templates")).toBe("This is the template built into Praxis.");
  });
});

describe("applyLook", () => {
  test("sets an explicit theme and the editor's text size on the element it is given", () => {
    const root = document.createElement("div");
    applyLook({ theme: "dark", editor_font_size: 20 }, root);
    expect(root.dataset.theme).toBe("dark");
    expect(root.style.getPropertyValue("--editor-font-size")).toBe("20px");

    applyLook({ theme: "light", editor_font_size: 12 }, root);
    expect(root.dataset.theme).toBe("light");
    expect(root.style.getPropertyValue("--editor-font-size")).toBe("12px");
  });

  test("removes the theme for “Same as the system”, so app.css follows the operating system", () => {
    const root = document.createElement("div");
    applyLook({ theme: "dark", editor_font_size: 17 }, root);
    applyLook({ theme: "system", editor_font_size: 17 }, root);
    expect(root.hasAttribute("data-theme")).toBe(false);
  });

  test("uses <html> when no element is given", () => {
    applyLook({ theme: "light", editor_font_size: 19 });
    expect(html.dataset.theme).toBe("light");
    expect(html.style.getPropertyValue("--editor-font-size")).toBe("19px");
  });
});

describe("applyStoredTheme", () => {
  test("applies the theme remembered at the last start, before the journal is open", () => {
    localStorage.setItem(THEME_KEY, "dark");
    applyStoredTheme();
    expect(html.dataset.theme).toBe("dark");
  });

  test("ignores a missing or unknown value, so the window follows the system", () => {
    applyStoredTheme();
    expect("theme" in html.dataset).toBe(false);
    localStorage.setItem(THEME_KEY, "purple");
    applyStoredTheme();
    expect("theme" in html.dataset).toBe(false);
  });
});

describe("applyDesktopFont", () => {
  test("names the desktop's font for app.css to put first, as one quoted name", () => {
    const root = document.createElement("div");
    applyDesktopFont("Cantarell", root);
    expect(root.style.getPropertyValue("--font-desktop")).toBe('"Cantarell"');
  });

  test("keeps a name with quotes, a backslash or a line break one name", () => {
    const root = document.createElement("div");
    applyDesktopFont('Odd "Font" \\\n2', root);
    expect(root.style.getPropertyValue("--font-desktop")).toBe('"Odd \\"Font\\" \\\\ 2"');
  });

  test("leaves the stylesheet's own fonts where the desktop named none", () => {
    const root = document.createElement("div");
    applyDesktopFont(null, root);
    expect(root.style.getPropertyValue("--font-desktop")).toBe("");
  });
});

describe("app.css", () => {
  /** The custom properties set inside the first rule whose selector is exactly `selector`. */
  function properties(selector: string): Record<string, string> {
    const start = appCss.indexOf(`${selector} {`);
    expect(start, `app.css has a rule for ${selector}`).toBeGreaterThanOrEqual(0);
    const rule = appCss.slice(start, appCss.indexOf("}", start));
    return Object.fromEntries([...rule.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
  }

  test("the dark colours are the same whether the system or the person chose dark", () => {
    const chosen = properties(':root[data-theme="dark"]');
    const system = properties(':root:not([data-theme="light"])');
    expect(Object.keys(chosen).length).toBeGreaterThan(5);
    expect(chosen).toEqual(system);
  });

  test("the light theme and the default text size are defined for the whole page", () => {
    expect(appCss).toMatch(/:root\[data-theme="light"\]\s*\{\s*color-scheme:\s*light;/);
    expect(properties(":root")["--editor-font-size"]).toBe("17px");
  });
});
