// Sharing with a coach. The only file that knows these commands' names
// (src-tauri/src/commands/sharing.rs).
import { call } from "./ipc";
import type { FeedbackItem, Redaction, Selection } from "./types";

export const sharingKey = () => call("sharing_key");
export const setSharingName = (name: string) => call("set_sharing_name", name);
export const listCoaches = () => call("list_coaches");
export const addCoach = (name: string, publicKey: string, replaceKey: boolean) =>
  call("add_coach", name, publicKey, replaceKey);

/** The exact document that would leave; send it with its token. */
export const prepareShare = (selections: Selection[], redactions: Redaction[], note: string) =>
  call("prepare_share", selections, redactions, note);
export const generateSharePassphrase = () => call("generate_share_passphrase");

/** Saves through the save dialog (null: cancelled, nothing sent), or returns armored text with `asText`. */
export const sendShare = (
  token: number,
  recipient: { coach: string | null; passphrase: string | null },
  armor: boolean,
  asText: boolean,
) => call("send_share", token, recipient, armor, asText);

export const shareLog = (query: string) => call("share_log", query);
export const inbox = (query: string) => call("inbox", query);

/** Opens a share file through the open dialog (null: cancelled). */
export const openShareFile = () => call("open_share_file");
export const openShareText = (text: string, passphrase: string | null) =>
  call("open_share_text", text, passphrase);
/** The file chosen last, with its passphrase. */
export const openPendingShare = (passphrase: string) => call("open_pending_share", passphrase);

export const feedbackReply = (shareId: string, comments: FeedbackItem[], note: string, asText: boolean) =>
  call("feedback_reply", shareId, comments, note, asText);
export const importFeedbackFile = () => call("import_feedback_file");
export const importFeedbackText = (text: string) => call("import_feedback_text", text);
export const feedbackOn = (id: string) => call("feedback_on", id);
