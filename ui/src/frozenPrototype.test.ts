// tauri.conf.json sets "freezePrototype": true, so the real window runs with
// Object.prototype frozen. Svelte and our code must not write to it. Vitest
// runs each test file in its own worker, so the freeze stays in this file.
import { mount, unmount } from "svelte";
import { expect, test, vi } from "vitest";
import App from "./App.svelte";
import { FakeCore } from "./testing/fakeCore";

test("the window works with Object.prototype frozen, as tauri.conf.json's freezePrototype makes it", async () => {
  const core = new FakeCore([]);
  Object.freeze(Object.prototype);
  const app = mount(App, { target: document.body });
  await vi.waitFor(() => expect(document.body.textContent).toContain("Write your first reflection"));
  [...document.querySelectorAll("button")].find((b) => b.textContent?.includes("New entry"))!.click();
  const title = await vi.waitFor(() => {
    const input = document.querySelector('input[aria-label="Title"]');
    if (!(input instanceof HTMLInputElement)) throw new Error("the form is not open yet");
    return input;
  });
  title.value = "Frozen";
  title.dispatchEvent(new Event("input", { bubbles: true }));
  [...document.querySelectorAll("button")].find((b) => b.textContent?.includes("Save now"))!.click();
  await vi.waitFor(() => expect(document.querySelector('ul[aria-label="Entries"]')?.textContent).toContain("Frozen"));
  expect(core.callsOf("create_entry")).toHaveLength(1);
  unmount(app);
});
