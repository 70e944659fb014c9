import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test, vi } from "vitest";
import { Experiments, prepMarkdown, savedUpdate, Sessions } from "../lib/action.svelte";
import { addMonths, Projects } from "../lib/projects.svelte";
import { moveExperiment, parseCommitments, savePrep, type PrepSheet } from "./action";
import { AppError } from "./errors";

type Sent = { command: string; args: unknown };

function recordCalls(reply: (command: string, args: Record<string, unknown>) => unknown): Sent[] {
  const sent: Sent[] = [];
  mockIPC((command, args) => {
    sent.push({ command, args });
    return reply(command, (args ?? {}) as Record<string, unknown>);
  });
  return sent;
}

const experiment = (status: string, locked_at: string | null = null) => ({
  entry: { id: "x1", kind: "experiment", title: "Quiet", occurred_on: "2026-05-01", tags: [], starred: false, updated_at: "t" },
  notes: "",
  expectation: { hypothesis: "If I …", planned_action: "a", expected_outcome: "b", success_signals: "", failure_signals: "" },
  locked_at,
  starts_on: "2026-05-01",
  review_on: "2026-05-15",
  status,
  learning: "",
  next_step: "",
  grew_from: null,
  project: null,
  history: [],
  outcomes: [],
});

describe("commitments typed one per line", () => {
  test("take a due day from a trailing “by YYYY-MM-DD”, and ignore list marks and blank lines", () => {
    expect(parseCommitments("Ask Sam for feedback by 2026-06-01\n\n- [ ] Book the room\n* Call HR, by 2026-06-03 ")).toEqual([
      { what: "Ask Sam for feedback", due_on: "2026-06-01" },
      { what: "Book the room", due_on: null },
      { what: "Call HR", due_on: "2026-06-03" },
    ]);
  });

  test("keep “by” inside a sentence that does not end with a date", () => {
    expect(parseCommitments("Stand by the decision")).toEqual([{ what: "Stand by the decision", due_on: null }]);
  });
});

describe("the action commands", () => {
  test("send the names and arguments the Rust commands take", async () => {
    const sent = recordCalls(() => null);
    await moveExperiment("x1", "running");
    await savePrep("s1", "My issue", "My question", "# Sheet");
    expect(sent).toEqual([
      { command: "move_experiment", args: { id: "x1", to: "running", on: null } },
      { command: "save_prep", args: { id: "s1", issue: "My issue", question: "My question", body: "# Sheet" } },
    ]);
  });
});

describe("the experiments store", () => {
  test("starting shows the experiment as the core answers it, with the lock, and says the expectation is locked", async () => {
    let current = experiment("planned");
    const sent = recordCalls((command) => {
      if (command === "get_experiment") return current;
      if (command === "move_experiment") {
        current = experiment("running", "2026-05-04T08:00:00.000+02:00");
        return current;
      }
      return [];
    });
    const store = new Experiments();
    await store.open("x1");
    expect(await store.start()).toBe(true);
    expect(store.current?.locked_at).toBe("2026-05-04T08:00:00.000+02:00");
    expect(store.done).toBe("Started. What you expected is locked from now on.");
    expect(sent.map((s) => s.command)).toEqual(["get_experiment", "list_experiments", "move_experiment", "list_experiments"]);
  });

  test("a refusal from the core is kept as the screen's error and the experiment stays as it was", async () => {
    recordCalls((command) => {
      if (command === "get_experiment") return experiment("running", "2026-05-04T08:00:00.000+02:00");
      throw { code: "status_change", message: "An experiment cannot go back from running to planned." };
    });
    const store = new Experiments();
    await store.open("x1");
    expect(await store.retry()).toBe(false);
    expect(store.error).toBeInstanceOf(AppError);
    expect(store.error?.message).toBe("An experiment cannot go back from running to planned.");
    expect(store.current?.status).toBe("running");
  });
});

describe("the sessions store", () => {
  test("saving notes sends each commitment line as a commitment and counts them in the status", async () => {
    const session = { id: "s1", held_on: "2026-05-01", group_name: "Set", role: "presenter", commitments: [], notes: "", insights: "" };
    const sent = recordCalls((command) => {
      if (command === "list_sessions") return [session];
      if (command === "prep_sheet") return { sheet: { issue: "", question: "" }, update: "", markdown: "" };
      return session;
    });
    const store = new Sessions();
    await store.open("s1");
    expect(await store.saveNotes("We talked", "Ask, don't tell", "Ask Sam by 2026-05-08\nBook the room")).toBe(true);
    const notes = sent.find((s) => s.command === "record_session_notes");
    expect(notes?.args).toEqual({
      id: "s1",
      notes: {
        notes: "We talked",
        insights: "Ask, don't tell",
        commitments: [
          { what: "Ask Sam", due_on: "2026-05-08" },
          { what: "Book the room", due_on: null },
        ],
      },
    });
    expect(store.done).toBe("Saved the notes and 2 commitments.");
  });
});

describe("a saved prep sheet", () => {
  test("gives back the update exactly as it was edited, between its headings", () => {
    const sheet = { group_name: "Tuesday set", held_on: "2026-05-15", role: "presenter" } as PrepSheet;
    const saved = prepMarkdown(sheet, "They wait for me", "- [x] Ask Sam — done\n\nMy own line\n", "What keeps them waiting?");
    expect(saved).toContain("## My issue in one sentence\n\nThey wait for me");
    expect(saved).toContain("## The question I bring to the group\n\nWhat keeps them waiting?");
    expect(savedUpdate(saved)).toBe("- [x] Ask Sam — done\n\nMy own line\n");
  });

  test("that was written some other way gives nothing, so the update is assembled afresh", () => {
    expect(savedUpdate("# Notes I wrote myself")).toBeNull();
  });
});

const summary = (id: string, title: string, grew_from: string | null) => ({
  id,
  title,
  hypothesis: title,
  status: "concluded",
  starts_on: "2026-05-01",
  review_on: "2026-05-15",
  grew_from,
  project: "p1",
  outcomes: 0,
  created_at: "t",
  review_due: false,
});

describe("an experiment's chain", () => {
  test("starts at the first experiment it grew from, found through the ledger", async () => {
    const ledger = [summary("x1", "First", null), summary("x2", "Second", "x1"), summary("x3", "Third", "x2")];
    const sent = recordCalls((command, args) => {
      if (command === "list_experiments") return ledger;
      if (command === "get_experiment") return { ...experiment("concluded"), entry: { ...experiment("concluded").entry, id: args.id }, grew_from: "x2" };
      if (command === "experiment_chain") return ledger.map((e, depth) => ({ depth, experiment: e }));
      return null;
    });
    const store = new Experiments();
    await store.open("x3");
    expect(sent.find((s) => s.command === "experiment_chain")?.args).toEqual({ id: "x1" });
    expect(store.chain.map((l) => l.experiment.title)).toEqual(["First", "Second", "Third"]);
  });

  test("is not fetched for an experiment that stands alone", async () => {
    const sent = recordCalls((command) => (command === "list_experiments" ? [summary("x1", "Alone", null)] : experiment("planned")));
    const store = new Experiments();
    await store.open("x1");
    expect(store.chain).toEqual([]);
    expect(sent.some((s) => s.command === "experiment_chain")).toBe(false);
  });

  test("a follow-up is planned from the experiment in view, in its project", async () => {
    recordCalls((command) => (command === "list_experiments" ? [] : { ...experiment("concluded"), project: "p1" }));
    const store = new Experiments();
    await store.open("x1");
    store.startPlanning(true);
    expect(store.draft).toMatchObject({ grew_from: "x1", project: "p1", hypothesis: "" });
    store.startPlanning();
    expect(store.draft).toMatchObject({ grew_from: null, project: null });
  });
});

const aProject = { id: "p1", name: "Let the team lead", challenge: "They wait for me.", starts_on: "2026-04-01", ends_on: "2026-12-31", status: "active", created_at: "t", updated_at: "t" };

describe("the projects store", () => {
  test("a new project is planned for nine months, and the end keeps to the month's last day", () => {
    expect(addMonths("2026-04-01", 9)).toBe("2027-01-01");
    expect(addMonths("2026-05-31", 1)).toBe("2026-06-30");
    expect(addMonths("2026-12-15", 3)).toBe("2027-03-15");
  });

  test("saving the form makes the project, opens its page and tells the journal the projects changed", async () => {
    const sent = recordCalls((command) => {
      if (command === "create_project") return aProject;
      if (command === "list_projects") return [aProject];
      if (command === "project_overview") return { project: aProject, entries: [], experiments: [], sessions: [] };
      return null;
    });
    const changed = vi.fn();
    const store = new Projects(changed);
    store.startNew();
    store.form!.draft.name = "Let the team lead";
    expect(await store.save()).toBe(true);
    expect(sent.find((s) => s.command === "create_project")?.args).toMatchObject({ draft: { name: "Let the team lead", status: "active" } });
    expect(store.current?.project.id).toBe("p1");
    expect(store.form).toBeNull();
    expect(store.done).toBe("Started the project “Let the team lead”.");
    expect(changed).toHaveBeenCalledOnce();
  });

  test("a refused form stays as typed with the core's reason", async () => {
    recordCalls(() => {
      throw { code: "conflict", message: "The planned end 2026-01-01 is before the start 2026-04-01. A project ends after it starts." };
    });
    const store = new Projects();
    store.startNew();
    store.form!.draft.name = "Backwards";
    store.form!.draft.ends_on = "2026-01-01";
    expect(await store.save()).toBe(false);
    expect(store.error?.message).toContain("A project ends after it starts.");
    expect(store.form?.draft.name).toBe("Backwards");
  });

  test("deleting says how many entries stay, without a project", async () => {
    recordCalls((command) => {
      if (command === "project_overview") return { project: aProject, entries: [], experiments: [], sessions: [] };
      if (command === "delete_project") return 3;
      return [];
    });
    const store = new Projects();
    await store.open("p1");
    expect(await store.remove()).toBe(true);
    expect(store.current).toBeNull();
    expect(store.done).toBe("Deleted the project “Let the team lead”. Its 3 entries stay in your journal, without a project.");
  });
});

describe("changing a plan", () => {
  test("sends the expectation and dates of an experiment not started yet, and shows it as the core answers", async () => {
    let current = experiment("planned");
    const sent = recordCalls((command, args) => {
      if (command === "get_experiment") return current;
      if (command === "update_expectation") {
        current = { ...current, expectation: args.expectation as typeof current.expectation, review_on: args.review as string };
        return current;
      }
      return [];
    });
    const store = new Experiments();
    await store.open("x1");
    store.startEditingPlan();
    expect(store.draft).toMatchObject({ hypothesis: "If I …", review_on: "2026-05-15" });
    store.draft!.expected_outcome = "Three people speak";
    store.draft!.review_on = "2026-05-22";
    expect(await store.plan()).toBe(true);
    expect(sent.find((s) => s.command === "update_expectation")?.args).toEqual({
      id: "x1",
      expectation: { hypothesis: "If I …", planned_action: "a", expected_outcome: "Three people speak", success_signals: "", failure_signals: "" },
      start: "2026-05-01",
      review: "2026-05-22",
    });
    expect(store.current?.expectation.expected_outcome).toBe("Three people speak");
    expect(store.draft).toBeNull();
  });

  test("is not offered once the experiment started, and a refusal keeps the form as typed", async () => {
    recordCalls((command) => {
      if (command === "get_experiment") return experiment("running", "2026-05-04T08:00:00.000+02:00");
      return [];
    });
    const store = new Experiments();
    await store.open("x1");
    store.startEditingPlan();
    expect(store.draft, "a locked plan opens no form").toBeNull();

    recordCalls((command) => {
      if (command === "get_experiment") return experiment("planned");
      if (command === "update_expectation") throw { code: "expectation_locked", message: "What you expected was locked when the experiment started." };
      return [];
    });
    await store.open("x1");
    store.startEditingPlan();
    store.draft!.hypothesis = "If I change it now";
    expect(await store.plan()).toBe(false);
    expect(store.error?.message).toBe("What you expected was locked when the experiment started.");
    expect(store.draft?.hypothesis).toBe("If I change it now");
  });
});

test("deleting a project that held nothing says only that it is gone", async () => {
  recordCalls((command) => {
    if (command === "project_overview") return { project: aProject, entries: [], experiments: [], sessions: [] };
    if (command === "delete_project") return 0;
    return [];
  });
  const store = new Projects();
  await store.open("p1");
  expect(await store.remove()).toBe(true);
  expect(store.done).toBe("Deleted the project “Let the team lead”.");
});

test("a new plan left unsaved to look at another experiment comes back with the next Plan an experiment", async () => {
  recordCalls((command) => (command === "list_experiments" ? [] : experiment("running", "2026-05-04T08:00:00.000+02:00")));
  const store = new Experiments();
  store.startPlanning();
  store.draft!.hypothesis = "If I wait, they decide";
  await store.open("x1");
  expect(store.draft).toBeNull();
  store.startPlanning();
  expect(store.draft?.hypothesis).toBe("If I wait, they decide");
  store.startPlanning(true);
  expect(store.draft?.hypothesis, "a follow-up starts blank").toBe("");
});
