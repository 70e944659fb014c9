// Who may see the journal: the recovery key shown once, the passphrase and
// recovery-key screens, the app lock (by shortcut and by idle time), and
// links that leave Praxis only after a yes.
import { afterEach, describe, expect, test, vi } from "vitest";
import App from "./App.svelte";
import { watchIdle } from "./lib/idle";
import { alertRegion, button, field, text, type } from "./testing/dom";
import { show } from "./testing/page";
import { entry, FakeCore } from "./testing/fakeCore";

function start(core: FakeCore): FakeCore {
  show(App);
  return core;
}

afterEach(() => {
  vi.useRealTimers();
});

const windowShown = () => {
  const side = document.querySelector(".window");
  return side !== null && !side.hasAttribute("hidden");
};

/** The element, once it exists (waitFor retries until this stops throwing). */
function found<T extends Element>(selector: string): T {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`nothing matches ${selector} yet`);
  return element;
}

const submit = (name: string) => button(name).closest("form")!.requestSubmit(button(name));

describe("a new journal", () => {
  test("shows its recovery key until the writer confirms they kept it", async () => {
    const core = new FakeCore([]);
    core.access = { state: "open", recovery_key: "ABCDE-FGHIJ-KLMNO", protected_by: "keychain", app_lock: null };
    start(core);
    const dialog = await vi.waitFor(() => found<HTMLElement>('[role="dialog"]'));
    expect(text(dialog)).toContain("Write down your recovery key");
    expect(text(dialog.querySelector('[aria-label="Recovery key"]'))).toBe("ABCDE-FGHIJ-KLMNO");
    expect(document.activeElement, "the focus is on the only way on").toBe(button("I have written it down"));
    button("I have written it down").click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(core.callsOf("confirm_recovery_key")).toHaveLength(1);
  });
});

test("a passphrase journal's notice speaks of the passphrase, not a keychain it does not use", async () => {
  const core = new FakeCore([]);
  core.access = { state: "open", recovery_key: "ABCDE-FGHIJ-KLMNO", protected_by: "passphrase", app_lock: null };
  start(core);
  const dialog = await vi.waitFor(() => found<HTMLElement>('[role="dialog"]'));
  expect(text(dialog)).toContain("the passphrase you chose");
  expect(text(dialog)).not.toContain("keychain");
});

describe("a journal that needs a key", () => {
  test("a passphrase is chosen twice, and differing ones are caught before anything is sent", async () => {
    const core = new FakeCore([]);
    core.access = { state: "choose_passphrase", recovery_key: null, protected_by: null, app_lock: null };
    start(core);
    await vi.waitFor(() => field("Passphrase"));
    expect(windowShown(), "nothing of the journal before it is open").toBe(false);
    type(field("Passphrase"), "walking by the river");
    type(field("Repeat passphrase"), "walking by the rive");
    submit("Create journal");
    await vi.waitFor(() => expect(text(alertRegion())).toContain("differ"));
    expect(core.callsOf("unlock_with_passphrase")).toEqual([]);
    type(field("Repeat passphrase"), "walking by the river");
    submit("Create journal");
    await vi.waitFor(() => expect(windowShown()).toBe(true));
    expect(core.callsOf("unlock_with_passphrase")).toEqual([{ passphrase: "walking by the river" }]);
    expect(core.callsOf("timeline_days").length, "the journal loads once open").toBeGreaterThan(0);
  });

  test("without its key the journal asks for the recovery key and says when it is wrong", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Private thoughts" })]);
    core.access = { state: "recovery_key", recovery_key: null, protected_by: null, app_lock: null };
    start(core);
    await vi.waitFor(() => field("Recovery key"));
    expect(text(document.body)).not.toContain("Private thoughts");
    expect(core.callsOf("list_entries"), "no entry is asked for before the journal is open").toEqual([]);
    type(field("Recovery key"), "ABCDE-WRONG");
    submit("Open journal");
    await vi.waitFor(() => expect(text(alertRegion())).toContain("does not open the journal"));
    type(field("Recovery key"), "ABCDE-FGHIJ-KLMNO");
    submit("Open journal");
    await vi.waitFor(() => expect(text(document.body)).toContain("Private thoughts"));
  });
});

describe("the app lock", () => {
  async function withLock(core: FakeCore) {
    start(core);
    await vi.waitFor(() => button("Journal data"));
    button("Journal data").click();
    await vi.waitFor(() => field("App lock passphrase"));
    type(field("App lock passphrase"), "morning pages");
    type(field("Repeat app lock passphrase"), "morning pages");
    submit("Turn on the app lock");
    await vi.waitFor(() => button("Lock now"));
    expect(core.callsOf("set_app_lock")).toEqual([{ enabled: true, passphrase: "morning pages", idleMinutes: 5 }]);
  }

  test("Ctrl+L hides everything until the passphrase is typed, and nothing written is lost", async () => {
    const core = new FakeCore([entry({ id: "a", title: "About my manager" })]);
    await withLock(core);
    button("New entry").click();
    await vi.waitFor(() => field("Title"));
    type(field("Title"), "Half-written thought");

    window.dispatchEvent(new KeyboardEvent("keydown", { key: "l", ctrlKey: true, bubbles: true }));
    await vi.waitFor(() => expect(windowShown()).toBe(false));
    expect(core.callsOf("lock_app")).toHaveLength(1);
    const behind = document.querySelector<HTMLElement>(".window")!;
    expect(behind.inert || behind.hasAttribute("inert"), "nothing behind the lock can be reached").toBe(true);
    expect(text(document.querySelector("h1"))).toBe("Praxis is locked");

    type(field("Passphrase"), "evening pages");
    submit("Unlock");
    await vi.waitFor(() => expect(text(alertRegion())).toContain("does not open"));
    expect(windowShown()).toBe(false);
    type(field("Passphrase"), "morning pages");
    submit("Unlock");
    await vi.waitFor(() => expect(windowShown()).toBe(true));
    expect(field("Title").value, "the draft survives the lock").toBe("Half-written thought");
  });

  test("locks by itself after the chosen idle minutes", async () => {
    const core = new FakeCore([]);
    core.access = { state: "open", recovery_key: null, protected_by: null, app_lock: { idle_minutes: 2 } };
    vi.useFakeTimers({ shouldAdvanceTime: true });
    start(core);
    await vi.waitFor(() => button("New entry"));
    vi.advanceTimersByTime(60_000);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    vi.advanceTimersByTime(90_000);
    expect(core.callsOf("lock_app"), "activity restarts the idle time").toEqual([]);
    vi.advanceTimersByTime(31_000);
    await vi.waitFor(() => expect(core.callsOf("lock_app")).toHaveLength(1));
  });
});

describe("the idle watch", () => {
  test("fires once after the minutes pass without activity and stops when asked", () => {
    vi.useFakeTimers();
    const onidle = vi.fn();
    const stop = watchIdle(1, onidle);
    vi.advanceTimersByTime(59_000);
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onidle).toHaveBeenCalledTimes(1);
    stop();
    vi.advanceTimersByTime(120_000);
    expect(onidle).toHaveBeenCalledTimes(1);
  });
});

describe("links in an entry", () => {
  test("open outside Praxis only after a yes, and only https or mailto", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Reading", body: "links" })]);
    core.overrides.set(
      "render_markdown",
      () => '<p><a href="https://example.org/article">article</a> and <a href="javascript:alert(1)">bad</a></p>',
    );
    start(core);
    await vi.waitFor(() => button("Reading"));
    button("Reading").click();
    const link = await vi.waitFor(() => found<HTMLAnchorElement>('a[href^="https"]'));

    document.querySelector<HTMLAnchorElement>('a[href^="javascript"]')!.click();
    expect(document.querySelector('[role="dialog"]'), "no other kind of link is offered").toBeNull();

    link.click();
    const dialog = await vi.waitFor(() => found('[role="dialog"]'));
    expect(text(dialog)).toContain("https://example.org/article will open in your web browser");
    button("Cancel").click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(core.callsOf("open_external")).toEqual([]);

    link.click();
    await vi.waitFor(() => button("Open link"));
    button("Open link").click();
    await vi.waitFor(() => expect(core.callsOf("open_external")).toEqual([{ url: "https://example.org/article" }]));
  });
});
