// Sharing in the window: the wizard sends nothing before the preview and
// sends exactly the previewed document; excerpts count characters as the
// core does; the inbox labels senders as not verified; feedback sits beside
// the entry it is about.
import { describe, expect, test, vi } from "vitest";
import App from "./App.svelte";
import { codePoints } from "./lib/sharing.svelte";
import { button, field, text, type } from "./testing/dom";
import { show } from "./testing/page";
import { entry, FakeCore } from "./testing/fakeCore";

async function openEntry(core: FakeCore, title: string) {
  show(App);
  await vi.waitFor(() => button(title));
  button(title).click();
  await vi.waitFor(() => button("Share with your coach…"));
  return core;
}

describe("excerpts", () => {
  test("are counted in characters, as the core counts them, not in UTF-16 units", () => {
    const body = "Team 🙂 offsite went well";
    const at = body.indexOf("offsite");
    expect(codePoints(body, at)).toBe(at - 1);
  });
});

describe("the share wizard", () => {
  test("previews the redacted excerpt and sends exactly that preview to the coach", async () => {
    const core = new FakeCore([entry({ id: "a", title: "After the review", body: "Sam said the plan was rushed. I listened." })]);
    core.coaches = [{ name: "Dana", public_key: "age1dana", fingerprint: "DANA-FING-ERPR", added_at: "2026-05-01T09:00:00Z", previous_key: null, key_changed_at: null }];
    await openEntry(core, "After the review");
    button("Share with your coach…").click();
    const source = await vi.waitFor(() => field("Text of the entry (select a passage to share only that)"));
    source.setSelectionRange(0, 29);
    button("Add the selected text").click();
    await vi.waitFor(() => expect(text(document.querySelector('[aria-label="To be shared"]'))).toContain("Sam said the plan was rushed."));
    type(field("Replace"), "Sam");
    type(field("with"), "S.");
    expect(core.callsOf("send_share"), "nothing leaves before the preview").toEqual([]);

    button("Preview what leaves").click();
    const preview = await vi.waitFor(() => {
      const region = document.querySelector('[aria-label="Preview of the share"]');
      if (!region) throw new Error("no preview yet");
      return region;
    });
    expect(text(preview)).toContain("S. said the plan was rushed.");
    expect(text(preview)).not.toContain("Sam");
    expect(core.callsOf("prepare_share")).toEqual([
      { selections: [{ type: "excerpt", entry_id: "a", start: 0, end: 29 }], redactions: [{ find: "Sam", replace: "S." }], note: "" },
    ]);

    button("Save the share…").click();
    await vi.waitFor(() => expect(core.callsOf("send_share")).toHaveLength(1));
    expect(core.callsOf("send_share")[0]).toEqual({ token: 7, recipient: { coach: "Dana", passphrase: null }, armor: false, asText: false });
    await vi.waitFor(() => expect(text(document.querySelector('[aria-label="Shared"]'))).toContain("praxis-share-2026-05-03.age"));
  });

  test("changing anything after the preview asks for a new preview before sending", async () => {
    const core = new FakeCore([entry({ id: "a", title: "Short", body: "Plain words." })]);
    await openEntry(core, "Short");
    button("Share with your coach…").click();
    await vi.waitFor(() => button("Add the whole entry"));
    button("Add the whole entry").click();
    await vi.waitFor(() => expect(button("Preview what leaves").disabled).toBe(false));
    button("Preview what leaves").click();
    await vi.waitFor(() => button("Save the share…"));
    type(field("Note to your coach"), "Changed my mind about the note");
    await vi.waitFor(() => expect(() => button("Save the share…")).toThrow());
  });
});

describe("Shared with me", () => {
  test("groups shares by sender, says the sender is not verified, and sends the comments written", async () => {
    const core = new FakeCore([]);
    core.inbox = [
      {
        id: "s1", received_at: "2026-05-04T09:00:00Z", sender_name: "Alex", sender_key: "age1alexkey", sender_fingerprint: "ALEX-FING-ERPR", sha256: "00",
        already_stored: false,
        document: { format: "praxis-share", version: 1, id: "s1", created_at: "2026-05-03T09:00:00Z", from: { name: "Alex", public_key: "age1alexkey" }, note: "For Thursday",
          items: [{ entry_id: "e1", kind: "reflection", title: "After the review", occurred_on: "2026-05-02", tags: [], markdown: "S. said it was rushed.", excerpt: true }] },
      },
    ];
    show(App);
    await vi.waitFor(() => button("Sharing"));
    button("Sharing").click();
    await vi.waitFor(() => expect(text(document.body)).toContain("From Alex"));
    expect(text(document.body)).toContain("not verified");
    expect(text(document.body)).toContain("age1alexkey");
    type(field("Your comment on “After the review”"), "What did S. need?");
    button("Show the reply as text").click();
    await vi.waitFor(() => expect(core.callsOf("feedback_reply")).toHaveLength(1));
    expect(core.callsOf("feedback_reply")[0]).toEqual({ shareId: "s1", comments: [{ entry_id: "e1", comment_markdown: "What did S. need?" }], note: "", asText: true });
    await vi.waitFor(() => expect(field("Encrypted reply to paste").value).toContain("BEGIN AGE"));
  });

  test("lays out a shared experiment: what was expected, when it was locked, what actually happened and what was learnt", async () => {
    const core = new FakeCore([]);
    const from = { name: "Alex", public_key: "age1alexkey" };
    core.inbox = [
      {
        id: "s2", received_at: "2026-05-13T09:00:00Z", sender_name: "Alex", sender_key: "age1alexkey", sender_fingerprint: "ALEX-FING-ERPR", sha256: "00",
        already_stored: false,
        document: { format: "praxis-share", version: 2, id: "s2", created_at: "2026-05-12T09:00:00Z", from, note: "",
          items: [
            { entry_id: "x1", kind: "experiment", title: "Stay quiet", occurred_on: "2026-05-01", tags: ["delegation"], markdown: "Some **notes**.", excerpt: false,
              experiment: { hypothesis: "If I stay quiet, the team leads", planned_action: "Say nothing for ten minutes", expected_outcome: "Two agenda items from others",
                success_signals: "Someone opens", failure_signals: "", starts_on: "2026-05-04", review_on: "2026-05-18", locked_at: "2026-05-04T08:00:00+02:00",
                status: "observed", learning: "Silence invites others", next_step: "Try it twice" } },
            { entry_id: "o1", kind: "outcome", title: "Outcome: Stay quiet", occurred_on: "2026-05-11", tags: [], markdown: "Ana opened the meeting.", excerpt: false,
              outcome: { experiment: { entry_id: "x1", title: "Stay quiet" }, happened: "Ana opened the meeting.", surprised: "How short the silence was", why_different: "They were ready" } },
          ] },
      },
    ];
    show(App);
    await vi.waitFor(() => button("Sharing"));
    button("Sharing").click();
    const expected = await vi.waitFor(() => {
      const region = document.querySelector('[aria-label="What they expected"]');
      if (!region) throw new Error("not laid out yet");
      return region;
    });
    expect(text(expected)).toContain("If I stay quiet, the team leads");
    expect(text(expected)).toContain("Two agenda items from others");
    const page = text(document.body);
    expect(page).toContain("Observed");
    expect(page).toContain("What they expected was locked on");
    const happened = text(document.querySelector('[aria-label="What actually happened"]'));
    expect(happened).toContain("Ana opened the meeting.");
    expect(happened).toContain("What surprised them: How short the silence was");
    expect(happened).toContain("Why it differed: They were ready");
    expect(text(document.querySelector('[aria-label="What they learnt"]'))).toContain("Silence invites others");
    await vi.waitFor(() => expect(document.querySelector('[aria-label="Their notes"] .prose')?.innerHTML).toContain("<p>"));
    expect(page, "the outcome is shown once, with its experiment").toContain("shown above with the experiment");
    expect(field("Your comment on “Outcome: Stay quiet”"), "each item can still be commented on").toBeTruthy();
  });
});

describe("feedback", () => {
  test("is shown beside the entry it is about", async () => {
    const core = new FakeCore([entry({ id: "a", title: "After the review", body: "x" })]);
    core.feedback.set("a", [entry({ id: "f", kind: "coach_feedback", title: "Feedback from Dana", body: "Listening first worked." })]);
    await openEntry(core, "After the review");
    await vi.waitFor(() => expect(text(document.querySelector('[aria-label="Feedback from your coach"]'))).toContain("Listening first worked."));
  });
});
