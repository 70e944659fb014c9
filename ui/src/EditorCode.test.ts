// The editor's code is fetched apart from the first page's (lib/lazy.svelte.ts).
// Here it cannot be loaded, as in a damaged installation: the window says so
// plainly, and the rest of it keeps working.
import { expect, test, vi } from "vitest";
import App from "./App.svelte";
import { alertRegion, button, list, text } from "./testing/dom";
import { show } from "./testing/page";
import { entry, FakeCore } from "./testing/fakeCore";

vi.mock("./components/EntryEditor.svelte", () => {
  throw new Error("Importing a module script failed.");
});

test("an editor whose code cannot be loaded is explained, and the timeline still works", async () => {
  new FakeCore([entry({ id: "e1", title: "Team offsite" })]);
  show(App);
  await vi.waitFor(() => expect(list("Entries")?.querySelectorAll("li button").length).toBe(1));
  button("New entry").click();
  await vi.waitFor(() => expect(text(alertRegion())).toContain("The editor could not be loaded"));
  expect(text(alertRegion()), "with the reason, and what to do").toMatch(/could not be loaded \(.+\)\. Restart Praxis; if it happens again, reinstall it\./);
  expect(document.querySelector('[aria-label="Title"]'), "no half-built editor").toBeNull();
  expect(text(list("Entries")), "the timeline is still there").toContain("Team offsite");
});
