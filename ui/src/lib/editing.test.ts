import { describe, expect, test, vi } from "vitest";
import { entry, FakeCore, useFakeTimersAndCore } from "../testing/fakeCore";
import { AUTOSAVE_DELAY_MS, draftOf, Editing, blankFields } from "./editing.svelte";

let core: FakeCore;

useFakeTimersAndCore();

describe("the draft the core receives", () => {
  test("has parsed tags, a trimmed title, the chosen day and the star", () => {
    const fields = { ...blankFields("experiment"), title: "  Quiet in the weekly ", tags: "Delegation, meetings", occurred_on: "2026-05-04", body: "If I …", starred: true };
    expect(draftOf(fields)).toEqual({
      kind: "experiment",
      title: "Quiet in the weekly",
      body: "If I …",
      tags: ["delegation", "meetings"],
      occurred_on: "2026-05-04",
      starred: true,
    });
  });

  test("a blank date is sent as null, which the core reads as the day of writing", () => {
    expect(draftOf({ ...blankFields(), occurred_on: "" }).occurred_on).toBeNull();
  });

  test("a new entry starts as a reflection dated today", () => {
    expect(blankFields(undefined, new Date(2026, 4, 4, 10))).toMatchObject({ kind: "reflection", occurred_on: "2026-05-04" });
  });
});

describe("autosave", () => {
  test("waits for a pause in typing, then saves once with the last text", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const editing = Editing.forEntry(core.entries[0]);
    for (const body of ["W", "Wo", "Word"]) {
      editing.fields.body = body;
      editing.changed();
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    }
    expect(core.callsOf("autosave_entry"), "nothing saved while typing").toEqual([]);
    expect(editing.state).toBe("changed");
    await vi.advanceTimersByTimeAsync(100);
    expect(core.callsOf("autosave_entry")).toEqual([{ id: "a", draft: expect.objectContaining({ body: "Word" }), session: null }]);
    expect(editing.state).toBe("saved");
  });

  test("later saves of the same editing session name the revision the first returned, so history keeps one version", async () => {
    core = new FakeCore([entry({ id: "a", title: "A", revision: 4 })]);
    const editing = Editing.forEntry(core.entries[0]);
    editing.fields.body = "one";
    await editing.save();
    editing.fields.body = "two";
    await editing.save();
    expect(core.callsOf("autosave_entry").map((c) => c.session)).toEqual([null, 5]);
  });

  test("reads Saved only after the core answered", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    let answer: () => void = () => undefined;
    core.overrides.set("autosave_entry", (args) => new Promise((resolve) => (answer = () => resolve(core.answer("autosave_entry", args)))));
    const editing = Editing.forEntry(core.entries[0]);
    editing.fields.body = "x";
    const saving = editing.save();
    await vi.advanceTimersByTimeAsync(0);
    expect(editing.state).toBe("saving");
    answer();
    expect(await saving).toBe(true);
    expect(editing.state).toBe("saved");
  });

  test("text typed while a save runs is saved after it, not lost", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    const editing = Editing.forEntry(core.entries[0]);
    editing.fields.body = "first";
    const saving = editing.save();
    editing.fields.body = "first and second";
    editing.changed();
    await saving;
    expect(editing.state, "the newer text is not saved yet").toBe("changed");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(core.entries[0].body).toBe("first and second");
    expect(editing.state).toBe("saved");
  });

  test("a failure keeps the text, says why, and the next save succeeds", async () => {
    core = new FakeCore([entry({ id: "a", title: "A" })]);
    core.overrides.set("autosave_entry", () => Promise.reject({ code: "storage_full", message: "The disk is full." }));
    const editing = Editing.forEntry(core.entries[0]);
    editing.fields.body = "precious";
    expect(await editing.save()).toBe(false);
    expect(editing.state).toBe("failed");
    expect(editing.error?.message).toBe("The disk is full.");
    expect(editing.fields.body).toBe("precious");
    expect(editing.unsaved).toBe(true);
    core.overrides.delete("autosave_entry");
    expect(await editing.save()).toBe(true);
    expect(editing.error).toBeNull();
    expect(core.entries[0].body).toBe("precious");
  });

  test("a new entry is created on its first save and updated after, never created twice", async () => {
    core = new FakeCore([]);
    const saved: boolean[] = [];
    const editing = Editing.forNew("reflection", "## What happened?\n\n", { onsaved: (_, created) => saved.push(created) });
    editing.fields.title = "New";
    const first = editing.save();
    const second = editing.save(); // a second press while the first runs
    await Promise.all([first, second]);
    editing.fields.body += "More.";
    await editing.save();
    expect(core.callsOf("create_entry")).toHaveLength(1);
    expect(core.callsOf("autosave_entry")).toHaveLength(1);
    expect(saved).toEqual([true, false]);
  });

  test("an untouched template is not a change: nothing is saved", async () => {
    core = new FakeCore([]);
    const editing = Editing.forNew("reflection", "## What happened?\n\n");
    editing.changeKind("outcome", "## What did I expect?\n\n");
    expect(editing.fields.body).toBe("## What did I expect?\n\n");
    expect(editing.touched).toBe(false);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(await editing.save()).toBe(true);
    expect(core.callsOf("create_entry")).toEqual([]);
  });
});

describe("opening an entry", () => {
  test("an entry with Windows line ends is not changed by being opened", async () => {
    core = new FakeCore([entry({ id: "w", title: "From Windows", body: "one\r\ntwo\r\n" })]);
    const editing = Editing.forEntry(core.entries[0]);
    expect(editing.fields.body).toBe("one\ntwo\n");
    expect(editing.dirty).toBe(false);
    expect(await editing.save()).toBe(true);
    expect(core.callsOf("autosave_entry"), "nothing to save").toEqual([]);
  });
});

describe("the entry's project", () => {
  const project = (id: string, name: string) => ({
    id,
    name,
    challenge: "",
    starts_on: "2026-04-01",
    ends_on: "2026-12-31",
    status: "active" as const,
    created_at: "t",
    updated_at: "t",
  });

  test("a saved entry shows the project it belongs to and moves to another at once", async () => {
    core = new FakeCore([entry({ id: "a", title: "A", project: "p1" })]);
    core.projects = [project("p1", "Team"), project("p2", "Board")];
    core.entryProjects.set("a", "p1");
    const moved = vi.fn();
    const editing = Editing.forEntry(core.entries[0], { onproject: moved });
    expect(editing.project).toBe("p1");
    expect(await editing.setProject("p2")).toBe(true);
    expect(core.callsOf("set_entry_project")).toEqual([{ id: "a", project: "p2" }]);
    expect(core.entryProjects.get("a")).toBe("p2");
    expect(moved).toHaveBeenCalledOnce();
    expect(await editing.setProject(null)).toBe(true);
    expect(core.entryProjects.has("a"), "no project").toBe(false);
  });

  test("an opened entry's project comes with the entry, without asking the core again", async () => {
    core = new FakeCore([entry({ id: "a", title: "A", project: "p1" })]);
    core.projects = [project("p1", "Team")];
    const editing = Editing.forEntry(core.entries[0]);
    expect(editing.project).toBe("p1");
    expect(core.calls).toEqual([]);
  });

  test("a new entry is created in the chosen project with its first save, in one step", async () => {
    core = new FakeCore([]);
    core.projects = [project("p1", "Team")];
    const editing = Editing.forNew("reflection", "");
    await editing.setProject("p1");
    expect(core.calls, "nothing to put in a project yet").toEqual([]);
    editing.fields.title = "First";
    editing.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    const id = editing.entry?.id ?? "";
    expect(id).not.toBe("");
    expect(core.callsOf("create_entry").map((args) => args.project)).toEqual(["p1"]);
    expect(core.callsOf("set_entry_project"), "no second step").toEqual([]);
    expect(core.entryProjects.get(id)).toBe("p1");
    expect(editing.entry?.project).toBe("p1");
  });

  test("a refused move keeps the entry where it was and says why, and the text is untouched", async () => {
    core = new FakeCore([entry({ id: "a", title: "A", body: "Words", project: "p1" })]);
    core.projects = [project("p1", "Team")];
    core.entryProjects.set("a", "p1");
    const editing = Editing.forEntry(core.entries[0]);
    expect(await editing.setProject("gone")).toBe(false);
    expect(editing.project).toBe("p1");
    expect(editing.projectError?.message).toBe("There is no such project. It may have been deleted.");
    expect(editing.fields.body).toBe("Words");
    expect(editing.state).toBe("unchanged");
  });
});
