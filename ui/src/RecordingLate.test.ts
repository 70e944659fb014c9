// Recording late is normal: the experiment and session screens, mounted on
// their own against a mocked core, ask when an action happened (today by
// default, never after today) and send that day with it.
import { mockIPC } from "@tauri-apps/api/mocks";
import { expect, test, vi } from "vitest";
import ExperimentsScreen from "./components/ExperimentsScreen.svelte";
import SessionsScreen from "./components/SessionsScreen.svelte";
import { Experiments, Sessions } from "./lib/action.svelte";
import { formatDay, today } from "./lib/dates";
import { button, text, type } from "./testing/dom";
import { show } from "./testing/page";

type Sent = { command: string; args: Record<string, unknown> };

const experiment = (status: string, history: { status: string; at: string; happened_on: string; retry: boolean }[]) => ({
  entry: { id: "x1", kind: "experiment", title: "Quiet", occurred_on: "2026-05-01", tags: [], starred: false, updated_at: "t" },
  notes: "",
  expectation: { hypothesis: "If I …", planned_action: "a", expected_outcome: "b", success_signals: "", failure_signals: "" },
  locked_at: status === "planned" ? null : "2026-05-04T08:00:00.000+02:00",
  starts_on: "2026-05-01",
  review_on: "2026-05-15",
  status,
  learning: "",
  next_step: "",
  grew_from: null,
  project: null,
  history,
  outcomes: [],
});

/** The date input whose label starts with "When did this happen?", within `scope`. */
function whenField(scope: ParentNode = document): HTMLInputElement {
  const label = [...scope.querySelectorAll("label")].find((l) => text(l).startsWith("When did this happen?"));
  const input = label ? document.getElementById(label.htmlFor) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error("no field asking when it happened");
  return input;
}

test("the date field is today by default and cannot be after today", async () => {
  mockIPC((command) => (command === "get_experiment" ? experiment("planned", []) : []));
  const experiments = new Experiments();
  await experiments.open("x1");
  show(ExperimentsScreen, { experiments, projects: [] });
  const when = whenField();
  expect(when.type).toBe("date");
  expect(when.value).toBe(today());
  expect(when.max).toBe(today());
});

test("starting on an earlier day sends that day, and the history shows it beside when it was written", async () => {
  const sent: Sent[] = [];
  const planned = { status: "planned", at: "2026-05-04T20:00:00.000+02:00", happened_on: "2026-05-04", retry: false };
  let current = experiment("planned", [planned]);
  mockIPC((command, args) => {
    sent.push({ command, args: (args ?? {}) as Record<string, unknown> });
    if (command === "get_experiment") return current;
    if (command === "move_experiment") {
      const started = { status: "running", at: "2026-05-04T20:01:00.000+02:00", happened_on: "2026-05-02", retry: false };
      current = experiment("running", [planned, started]);
      return current;
    }
    return [];
  });
  const experiments = new Experiments();
  await experiments.open("x1");
  show(ExperimentsScreen, { experiments, projects: [] });
  type(whenField(), "2026-05-02");
  button("Start the experiment").click();
  await vi.waitFor(() => expect(sent.some((s) => s.command === "move_experiment")).toBe(true));
  expect(sent.find((s) => s.command === "move_experiment")?.args).toEqual({ id: "x1", to: "running", on: "2026-05-02" });

  await vi.waitFor(() => expect(text(document.querySelector('section[aria-label="Its history"]'))).toContain(formatDay("2026-05-02")));
  const steps = [...document.querySelectorAll('section[aria-label="Its history"] li')].map((li) => text(li));
  expect(steps[0]).not.toContain("written");
  expect(steps[1]).toContain(`Running ${formatDay("2026-05-02")} (written`);
});

test("an outcome and a conclusion each send the day asked for in their own form", async () => {
  const sent: Sent[] = [];
  mockIPC((command, args) => {
    sent.push({ command, args: (args ?? {}) as Record<string, unknown> });
    if (command === "get_experiment") return experiment("observed", []);
    if (command === "record_outcome") return { id: "o1" };
    if (command === "conclude_experiment") return experiment("concluded", []);
    return [];
  });
  const experiments = new Experiments();
  await experiments.open("x1");
  show(ExperimentsScreen, { experiments, projects: [] });

  const outcomeForm = document.querySelector<HTMLFormElement>('form[aria-label="Record an outcome"]')!;
  type(outcomeForm.querySelector("textarea")!, "Ana opened the meeting");
  type(whenField(outcomeForm), "2026-05-05");
  outcomeForm.requestSubmit();
  await vi.waitFor(() => expect(sent.some((s) => s.command === "record_outcome")).toBe(true));
  const outcome = sent.find((s) => s.command === "record_outcome")?.args.draft as Record<string, unknown>;
  expect(outcome.occurred_on).toBe("2026-05-05");

  const conclusion = document.querySelector<HTMLFormElement>('form[aria-label="Conclude"]')!;
  type(conclusion.querySelector("textarea")!, "Silence invites");
  type(whenField(conclusion), "2026-05-06");
  conclusion.requestSubmit();
  await vi.waitFor(() => expect(sent.some((s) => s.command === "conclude_experiment")).toBe(true));
  expect(sent.find((s) => s.command === "conclude_experiment")?.args).toEqual({
    id: "x1",
    learning: "Silence invites",
    next: "",
    on: "2026-05-06",
  });
});

test("a commitment marked done on an earlier day sends that day and shows it", async () => {
  const sent: Sent[] = [];
  const commitment = { id: "c1", session: "s1", session_on: "2026-05-01", what: "Ask Sam", due_on: null, created_at: "t" };
  let closed = false;
  const session = () => ({
    id: "s1",
    held_on: "2026-05-01",
    group_name: "Tuesday set",
    role: "presenter",
    project: null,
    issue: "",
    question: "",
    prep_entry: null,
    notes: "",
    insights: "",
    notes_entry: null,
    created_at: "t",
    commitments: [
      closed
        ? { ...commitment, status: "done", closed_at: "2026-05-20T09:00:00.000+02:00", closed_on: "2026-05-14" }
        : { ...commitment, status: "open", closed_at: null, closed_on: null },
    ],
  });
  mockIPC((command, args) => {
    sent.push({ command, args: (args ?? {}) as Record<string, unknown> });
    if (command === "list_sessions") return [session()];
    if (command === "prep_sheet") return { sheet: { issue: "", question: "" }, update: "", markdown: "", saved: null };
    if (command === "set_commitment_status") {
      closed = true;
      return session().commitments[0];
    }
    return [];
  });
  const sessions = new Sessions();
  await sessions.open("s1");
  show(SessionsScreen, { sessions, projects: [] });
  const section = document.querySelector<HTMLElement>('section[aria-label="Commitments made at this session"]')!;
  expect(whenField(section).value).toBe(today());
  type(whenField(section), "2026-05-14");
  button("Mark “Ask Sam” done").click();
  await vi.waitFor(() => expect(sent.some((s) => s.command === "set_commitment_status")).toBe(true));
  expect(sent.find((s) => s.command === "set_commitment_status")?.args).toEqual({ id: "c1", status: "done", on: "2026-05-14" });
  await vi.waitFor(() => expect(text(document.querySelector('section[aria-label="Commitments made at this session"]'))).toContain(`done on ${formatDay("2026-05-14")}`));
});
