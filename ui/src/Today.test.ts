// The Today screen, mounted on its own against a mocked core.
import { mockIPC } from "@tauri-apps/api/mocks";
import { expect, test, vi } from "vitest";
import TodayScreen from "./components/TodayScreen.svelte";
import { formatDay } from "./lib/dates";
import { button, text } from "./testing/dom";
import { show } from "./testing/page";

const section = (name: string) => text(document.querySelector(`section[aria-label="${name}"]`));

test("lists the reviews due, marks an overdue commitment, and opens an entry or an experiment from there", async () => {
  mockIPC((command) => {
    if (command === "week_review") {
      return {
        review: { from: "2026-05-18", to: "2026-05-24", experiments: [{ id: "x1", title: "Quiet in the weekly", status: "running" }], outcomes: [], open_commitments: [] },
        markdown: "# The week of 2026-05-18 to 2026-05-24\n",
      };
    }
    if (command !== "today_view") throw new Error(`unexpected ${command}`);
    return {
      day: "2026-05-20",
      reviews: [{ id: "x1", title: "Quiet in the weekly", review_on: "2026-05-18", status: "running" }],
      sessions: [],
      commitments: [
        { id: "c1", session: "s1", session_on: "2026-05-01", what: "Ask Sam", due_on: "2026-05-08", status: "open", closed_at: null, created_at: "t" },
        { id: "c2", session: "s1", session_on: "2026-05-01", what: "Book the room", due_on: "2026-05-22", status: "open", closed_at: null, created_at: "t" },
      ],
      on_this_day: [
        { id: "e1", kind: "reflection", title: "A month ago", occurred_on: "2026-04-20", tags: [], starred: false, updated_at: "t" },
      ],
    };
  });
  const onopen = vi.fn();
  const onexperiment = vi.fn();
  const onweek = vi.fn();
  show(TodayScreen, { onopen, onexperiment, onsession: vi.fn(), onweek });
  await vi.waitFor(() => expect(section("Reviews due")).toContain("Quiet in the weekly"));
  expect(section("Reviews due")).toContain(formatDay("2026-05-18"));
  expect(section("Sessions today or tomorrow")).toContain("No session today or tomorrow.");
  const lines = [...document.querySelectorAll('section[aria-label="Commitments due"] p')].map((p) => p.textContent ?? "");
  expect(lines.find((l) => l.includes("Ask Sam"))).toContain("overdue");
  expect(lines.find((l) => l.includes("Book the room"))).not.toContain("overdue");
  button("A month ago").click();
  expect(onopen).toHaveBeenCalledWith("e1");
  button("Quiet in the weekly").click();
  expect(onexperiment).toHaveBeenCalledWith("x1");

  await vi.waitFor(() => expect(section("This week")).toContain("1 experiment planned or moved on, no outcomes, no open commitments."));
  button("Write this week's review").click();
  expect(onweek).toHaveBeenCalledWith("# The week of 2026-05-18 to 2026-05-24\n");
});
