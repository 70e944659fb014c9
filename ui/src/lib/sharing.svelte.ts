// Sharing with a coach: the share wizard (what leaves, redacted, previewed,
// to whom) and the Sharing screen's data (sharing key, coaches, Shared with
// me, feedback, the share log). Screens read these and call their methods.
import type { AppError } from "../api/errors";
import * as api from "../api/sharing";
import type {
  Coach,
  Entry,
  FeedbackImport,
  InboxShare,
  LoggedShare,
  PreparedShare,
  Redaction,
  Reply,
  Selection,
  SentShare,
  SharingKey,
} from "../api/types";
import { attempt } from "./attempt";

/** Code points before `units` UTF-16 units of `text`: what the core counts. */
export function codePoints(text: string, units: number): number {
  return [...text.slice(0, units)].length;
}

export type Picked = { selection: Selection; label: string };

export class ShareWizard {
  readonly entry: Entry;
  picked: Picked[] = $state([]);
  redactions: Redaction[] = $state([{ find: "", replace: "" }]);
  note = $state("");
  coaches: Coach[] = $state([]);
  /** `coach` (to `coachName`) or `passphrase`. */
  to: "coach" | "passphrase" = $state("coach");
  coachName = $state("");
  passphrase: string | null = $state(null);
  armor = $state(false);
  prepared: PreparedShare | null = $state(null);
  sent: SentShare | null = $state(null);
  error: AppError | null = $state(null);
  busy = $state(false);

  constructor(entry: Entry) {
    this.entry = entry;
  }

  async load(): Promise<void> {
    const coaches = await attempt(this, () => api.listCoaches());
    if (coaches) {
      this.coaches = coaches;
      if (!this.coachName && coaches[0]) this.coachName = coaches[0].name;
      if (coaches.length === 0) this.to = "passphrase";
    }
  }

  /** Anything changed: the preview no longer shows what would leave. */
  changed(): void {
    this.prepared = null;
    this.sent = null;
  }

  addWhole(): void {
    if (this.picked.some((p) => p.selection.type === "whole")) return;
    this.picked = [...this.picked, { selection: { type: "whole", entry_id: this.entry.id }, label: "The whole entry" }];
    this.changed();
  }

  /** Adds the text between two UTF-16 positions of the entry's text. */
  addExcerpt(startUnits: number, endUnits: number): boolean {
    const body = this.entry.body;
    if (endUnits <= startUnits) return false;
    const start = codePoints(body, startUnits);
    const end = codePoints(body, endUnits);
    const words = body.slice(startUnits, endUnits).trim();
    const label = `“${words.length > 60 ? `${words.slice(0, 57)}…` : words}”`;
    this.picked = [...this.picked, { selection: { type: "excerpt", entry_id: this.entry.id, start, end }, label }];
    this.changed();
    return true;
  }

  remove(index: number): void {
    this.picked = this.picked.filter((_, i) => i !== index);
    this.changed();
  }

  addRedaction(): void {
    this.redactions = [...this.redactions, { find: "", replace: "" }];
  }

  async preview(): Promise<void> {
    const redactions = this.redactions.filter((r) => r.find.trim() !== "");
    const prepared = await attempt(this, () =>
      api.prepareShare(
        this.picked.map((p) => p.selection),
        redactions,
        this.note,
      ),
    );
    if (prepared) this.prepared = prepared;
  }

  async newPassphrase(): Promise<void> {
    const words = await attempt(this, () => api.generateSharePassphrase());
    if (words) this.passphrase = words;
  }

  async send(asText: boolean): Promise<void> {
    const prepared = this.prepared;
    if (!prepared) return;
    const recipient =
      this.to === "coach" ? { coach: this.coachName, passphrase: null } : { coach: null, passphrase: this.passphrase };
    const sent = await attempt(this, () => api.sendShare(prepared.token, recipient, this.armor, asText));
    if (sent) this.sent = sent;
  }
}

export class SharingData {
  key: SharingKey | null = $state(null);
  coaches: Coach[] = $state([]);
  inbox: InboxShare[] = $state([]);
  log: LoggedShare[] = $state([]);
  inboxQuery = $state("");
  logQuery = $state("");
  /** A chosen file waits for its passphrase. */
  needsPassphrase = $state(false);
  /** A coach's new key waits for the person to confirm the change. */
  keyChange: { name: string; publicKey: string } | null = $state(null);
  opened: InboxShare | null = $state(null);
  reply: Reply | null = $state(null);
  imported: FeedbackImport | null = $state(null);
  error: AppError | null = $state(null);
  busy = $state(false);

  async load(): Promise<void> {
    await attempt(this, async () => {
      const [key, coaches, inbox, log] = await Promise.all([
        api.sharingKey(),
        api.listCoaches(),
        api.inbox(this.inboxQuery),
        api.shareLog(this.logQuery),
      ]);
      this.key = key;
      this.coaches = coaches;
      this.inbox = inbox;
      this.log = log;
    });
  }

  async setName(name: string): Promise<void> {
    const key = await attempt(this, () => api.setSharingName(name));
    if (key) this.key = key;
  }

  async addCoach(name: string, publicKey: string, replaceKey = false): Promise<boolean> {
    this.keyChange = null;
    const added = await attempt(this, () => api.addCoach(name, publicKey, replaceKey));
    if (!added) {
      if (this.error?.message.includes("different sharing key")) this.keyChange = { name, publicKey };
      return false;
    }
    this.coaches = await api.listCoaches();
    return true;
  }

  async searchInbox(query: string): Promise<void> {
    this.inboxQuery = query;
    const found = await attempt(this, () => api.inbox(query));
    if (found) this.inbox = found;
  }

  async searchLog(query: string): Promise<void> {
    this.logQuery = query;
    const found = await attempt(this, () => api.shareLog(query));
    if (found) this.log = found;
  }

  async #received(share: InboxShare | null | undefined) {
    if (!share) return;
    this.needsPassphrase = false;
    this.opened = share;
    this.inbox = await api.inbox(this.inboxQuery);
  }

  async openFile(): Promise<void> {
    this.needsPassphrase = false;
    const share = await attempt(this, () => api.openShareFile());
    if (this.error?.code === "share_needs_passphrase") this.needsPassphrase = true;
    await this.#received(share);
  }

  async openText(text: string, passphrase: string | null): Promise<void> {
    const share = await attempt(this, () => api.openShareText(text, passphrase));
    if (this.error?.code === "share_needs_passphrase") this.needsPassphrase = true;
    await this.#received(share);
  }

  async openPending(passphrase: string): Promise<void> {
    await this.#received(await attempt(this, () => api.openPendingShare(passphrase)));
  }

  async writeReply(share: InboxShare, comments: Record<string, string>, note: string, asText: boolean): Promise<void> {
    this.reply = null;
    const items = Object.entries(comments)
      .filter(([, text]) => text.trim() !== "")
      .map(([entry_id, comment_markdown]) => ({ entry_id, comment_markdown }));
    const reply = await attempt(this, () => api.feedbackReply(share.id, items, note, asText));
    if (reply) this.reply = reply;
  }

  async importFile(): Promise<void> {
    const imported = await attempt(this, () => api.importFeedbackFile());
    if (imported) this.imported = imported;
  }

  async importText(text: string): Promise<void> {
    const imported = await attempt(this, () => api.importFeedbackText(text));
    if (imported) this.imported = imported;
  }
}
