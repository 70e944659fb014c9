// The window says plainly when the journal is damaged and offers the newest
// backup; a healthy journal shows nothing of the kind.
import { expect, test, vi } from "vitest";
import App from "./App.svelte";
import { formatInstant } from "./lib/dates";
import { button, text } from "./testing/dom";
import { show } from "./testing/page";
import { backup, FakeCore } from "./testing/fakeCore";

const banner = () => [...document.querySelectorAll('[role="alert"]')].find((n) => text(n).includes("damaged"));

test("a healthy journal shows no damage warning", async () => {
  const core = new FakeCore();
  show(App);
  await vi.waitFor(() => expect(core.callsOf("journal_status")).not.toEqual([]));
  expect(banner()).toBeUndefined();
});

test("a damaged journal is named as such and its newest backup is restored on request", async () => {
  const core = new FakeCore();
  const newest = backup("praxis-20261120T090000Z-daily", "2026-11-20T09:00:00Z");
  core.backups = [newest];
  core.status = { ...core.status, damaged: true, read_only: true, newest_backup: newest };
  show(App);
  await vi.waitFor(() => expect(banner()).toBeDefined());
  expect(text(banner())).toContain("read-only");
  expect(text(banner())).toContain(`from ${formatInstant("2026-11-20T09:00:00Z")}`);
  expect(core.callsOf("restore_backup")).toEqual([]);
  core.status = { ...core.status, damaged: false, read_only: false, newest_backup: null };
  button("Restore the newest backup").click();
  await vi.waitFor(() => expect(core.callsOf("restore_backup")).toEqual([{ id: "praxis-20261120T090000Z-daily" }]));
  await vi.waitFor(() => expect(banner()).toBeUndefined());
});

test("a missing journal file is named as missing, not as damage, and its backup is offered", async () => {
  const core = new FakeCore();
  const newest = backup("praxis-20261121T090000Z-daily", "2026-11-21T09:00:00Z");
  core.backups = [newest];
  core.status = { ...core.status, damaged: true, problem_code: "journal_missing", newest_backup: newest };
  show(App);
  const missing = () =>
    [...document.querySelectorAll('[role="alert"]')].find((n) => text(n).includes("missing or empty"));
  await vi.waitFor(() => expect(missing()).toBeDefined());
  expect(text(missing())).not.toContain("is damaged");
  expect(text(missing())).toContain("made no new journal");
  expect(button("Restore the newest backup")).toBeDefined();
});
