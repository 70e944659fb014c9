// The Today screen, mounted on its own against a mocked core.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { mount, unmount } from "svelte";
import { afterEach, expect, test, vi } from "vitest";
import TodayScreen from "./components/TodayScreen.svelte";
import { formatDay } from "./lib/dates";
import { button } from "./testing/dom";

let screen: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (screen) unmount(screen);
  screen = undefined;
  document.body.innerHTML = "";
  clearMocks();
});

const section = (name: string) => document.querySelector(`section[aria-label="${name}"]`)?.textContent ?? "";

test("lists the reviews due and the entries on this day, and opens an entry from there", async () => {
  mockIPC((command) => {
    if (command !== "today_view") throw new Error(`unexpected ${command}`);
    return {
      day: "2026-05-20",
      reviews: [{ id: "x1", title: "Quiet in the weekly", review_on: "2026-05-18", status: "running" }],
      sessions: [],
      commitments: [],
      on_this_day: [
        { id: "e1", kind: "reflection", title: "A month ago", occurred_on: "2026-04-20", tags: [], starred: false, updated_at: "t" },
      ],
    };
  });
  const onopen = vi.fn();
  screen = mount(TodayScreen, { target: document.body, props: { onopen } });
  await vi.waitFor(() => expect(section("Reviews due")).toContain("Quiet in the weekly"));
  expect(section("Reviews due")).toContain(formatDay("2026-05-18"));
  expect(section("Sessions today or tomorrow")).toContain("No session today or tomorrow.");
  button("A month ago").click();
  expect(onopen).toHaveBeenCalledWith("e1");
});
