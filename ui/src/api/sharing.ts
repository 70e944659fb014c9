// Sharing with a coach. The only file that knows these commands' names
// (src-tauri/src/commands/sharing.rs).
import { call } from "./ipc";
import type {
  Coach,
  Entry,
  FeedbackImport,
  FeedbackItem,
  InboxShare,
  LoggedShare,
  PreparedShare,
  Redaction,
  Reply,
  Selection,
  SentShare,
  SharingKey,
} from "./types";

export const sharingKey = () => call<SharingKey>("sharing_key", {});
export const setSharingName = (name: string) => call<SharingKey>("set_sharing_name", { name });
export const listCoaches = () => call<Coach[]>("list_coaches", {});
export const addCoach = (name: string, publicKey: string, replaceKey: boolean) =>
  call<Coach>("add_coach", { name, publicKey, replaceKey });

/** The exact document that would leave; send it with its token. */
export const prepareShare = (selections: Selection[], redactions: Redaction[], note: string) =>
  call<PreparedShare>("prepare_share", { selections, redactions, note });
export const generateSharePassphrase = () => call<string>("generate_share_passphrase", {});

/** Saves through the save dialog (null: cancelled, nothing sent), or returns armored text with `asText`. */
export const sendShare = (
  token: number,
  recipient: { coach: string | null; passphrase: string | null },
  armor: boolean,
  asText: boolean,
) => call<SentShare | null>("send_share", { token, recipient, armor, asText });

export const shareLog = (query: string) => call<LoggedShare[]>("share_log", { query });
export const inbox = (query: string) => call<InboxShare[]>("inbox", { query });

/** Opens a share file through the open dialog (null: cancelled). */
export const openShareFile = () => call<InboxShare | null>("open_share_file", {});
export const openShareText = (text: string, passphrase: string | null) =>
  call<InboxShare>("open_share_text", { text, passphrase });
/** The file chosen last, with its passphrase. */
export const openPendingShare = (passphrase: string) => call<InboxShare>("open_pending_share", { passphrase });

export const feedbackReply = (shareId: string, comments: FeedbackItem[], note: string, asText: boolean) =>
  call<Reply | null>("feedback_reply", { shareId, comments, note, asText });
export const importFeedbackFile = () => call<FeedbackImport | null>("import_feedback_file", {});
export const importFeedbackText = (text: string) => call<FeedbackImport>("import_feedback_text", { text });
export const feedbackOn = (id: string) => call<Entry[]>("feedback_on", { id });
