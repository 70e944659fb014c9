//! Who may see the journal: one state machine for every face (the window
//! and the CLI). A face makes attempts to open the journal and reports what
//! came of them; the machine says what stands between the person and their
//! journal now, so no face decides it again by comparing error codes.
//!
//! ```text
//!                 opened ──────────────► Open ◄──── app unlocked ──┐
//!                                          │                        │
//!                                          └── app locked ──► AppLocked
//!  failed: passphrase needed ──► Passphrase, or ChoosePassphrase for a new
//!                                journal or one from before encryption
//!  failed: key missing/wrong ──► RecoveryKey
//!  failed: anything else     ──► Unavailable(error)
//! ```
//!
//! Two rules hold in every state: a failed attempt never closes a journal
//! that is open, and a mistyped answer (a wrong passphrase or recovery key)
//! leaves the question asked as it was.

use serde::Serialize;

use crate::Error;

/// What stands between the person and their journal, as a face shows it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessState {
    /// The journal is open.
    Open,
    /// The journal is open behind the app lock: its passphrase lifts it.
    AppLocked,
    /// A new journal (or one from before Praxis encrypted journals) on a
    /// computer without a keychain: the person chooses a passphrase.
    ChoosePassphrase,
    /// The journal is protected by a passphrase the person types.
    Passphrase,
    /// The journal's key is missing or does not open it: the recovery key does.
    RecoveryKey,
    /// Some other problem (damage, a full disk, a newer format): the error says which.
    Unavailable,
}

/// The machine's state. `J` is the open journal (the faces hold a
/// [`crate::Journal`]; the tests a stand-in), present exactly when the
/// journal is open, with or without the app lock.
#[derive(Debug)]
pub enum Access<J> {
    Open(J),
    AppLocked(J),
    ChoosePassphrase,
    Passphrase,
    /// Asking for the recovery key, because of this error (the key is
    /// missing, or the one given does not open the journal).
    RecoveryKey(Error),
    Unavailable(Error),
}

/// What a face reports.
#[derive(Debug)]
pub enum Event<J> {
    /// An attempt to open the journal succeeded.
    Opened(J),
    /// An attempt to open the journal failed. `unencrypted`: no encrypted
    /// journal is there yet (a new journal, or one from an earlier Praxis
    /// that did not encrypt), so a needed passphrase is one to choose.
    Failed { error: Error, unencrypted: bool },
    /// The app lock engaged (by hand, or after the idle minutes).
    AppLocked,
    /// The app lock's passphrase was given.
    AppUnlocked,
    /// The open journal was found damaged: it is replaced by a read-only
    /// one, or by the error that kept even that from opening.
    FoundDamaged(Result<J, Error>),
    /// The face closes the journal itself (to restore a backup over it):
    /// `why` answers anyone who asks for it meanwhile.
    Closed(Error),
}

impl<J> Access<J> {
    /// Before any attempt: nothing is known about the journal yet.
    pub fn new() -> Self {
        Access::Unavailable(Error::Locked)
    }

    pub fn state(&self) -> AccessState {
        match self {
            Access::Open(_) => AccessState::Open,
            Access::AppLocked(_) => AccessState::AppLocked,
            Access::ChoosePassphrase => AccessState::ChoosePassphrase,
            Access::Passphrase => AccessState::Passphrase,
            Access::RecoveryKey(_) => AccessState::RecoveryKey,
            Access::Unavailable(_) => AccessState::Unavailable,
        }
    }

    /// The journal, open or behind the app lock.
    pub fn journal(&self) -> Option<&J> {
        match self {
            Access::Open(journal) | Access::AppLocked(journal) => Some(journal),
            _ => None,
        }
    }

    /// The journal only if the person may see it now.
    pub fn open(&self) -> Option<&J> {
        match self {
            Access::Open(journal) => Some(journal),
            _ => None,
        }
    }

    /// The state `event` leads to. A failure that does not change the state
    /// (a mistyped answer, a failed reopen of an open journal) is handed back
    /// for the face to report.
    pub fn after(self, event: Event<J>) -> (Self, Option<Error>) {
        match (self, event) {
            (Access::AppLocked(_), Event::Opened(journal)) => (Access::AppLocked(journal), None),
            (_, Event::Opened(journal)) => (Access::Open(journal), None),
            (open @ (Access::Open(_) | Access::AppLocked(_)), Event::Failed { error, .. }) => (open, Some(error)),
            (
                question @ (Access::ChoosePassphrase | Access::Passphrase | Access::RecoveryKey(_)),
                Event::Failed { error, .. },
            ) if is_mistyped_answer(&error) => (question, Some(error)),
            (_, Event::Failed { error, unencrypted }) => (Self::asking_after(error, unencrypted), None),
            (Access::Open(journal), Event::AppLocked) => (Access::AppLocked(journal), None),
            (Access::AppLocked(journal), Event::AppUnlocked) => (Access::Open(journal), None),
            (other, Event::AppLocked | Event::AppUnlocked) => (other, None),
            (Access::Open(_), Event::FoundDamaged(Ok(read_only))) => (Access::Open(read_only), None),
            (Access::AppLocked(_), Event::FoundDamaged(Ok(read_only))) => (Access::AppLocked(read_only), None),
            (Access::Open(_) | Access::AppLocked(_), Event::FoundDamaged(Err(error))) => {
                (Access::Unavailable(error), None)
            }
            (other, Event::FoundDamaged(_)) => (other, None),
            (_, Event::Closed(why)) => (Access::Unavailable(why), None),
        }
    }

    /// What to ask for after `error` ended an attempt to open the journal.
    fn asking_after(error: Error, unencrypted: bool) -> Self {
        match error {
            Error::PassphraseNeeded if unencrypted => Access::ChoosePassphrase,
            Error::PassphraseNeeded => Access::Passphrase,
            why @ (Error::KeyMissing | Error::WrongKey) => Access::RecoveryKey(why),
            other => Access::Unavailable(other),
        }
    }
}

impl<J> Default for Access<J> {
    fn default() -> Self {
        Self::new()
    }
}

/// An answer to the question asked that was wrong or malformed: the person
/// tries again, the question stays.
fn is_mistyped_answer(error: &Error) -> bool {
    matches!(error, Error::WrongPassphrase | Error::WrongKey | Error::InvalidRecoveryKey | Error::InvalidInput(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    type A = Access<&'static str>;

    fn opened() -> Event<&'static str> {
        Event::Opened("journal")
    }

    fn failed(error: Error) -> Event<&'static str> {
        Event::Failed { error, unencrypted: false }
    }

    fn every_state() -> Vec<A> {
        vec![
            Access::Open("journal"),
            Access::AppLocked("journal"),
            Access::ChoosePassphrase,
            Access::Passphrase,
            Access::RecoveryKey(Error::KeyMissing),
            Access::Unavailable(Error::DiskFull),
        ]
    }

    #[test]
    fn nothing_is_open_before_the_first_attempt() {
        let access = A::new();
        assert_eq!(access.state(), AccessState::Unavailable);
        assert!(access.journal().is_none());
    }

    #[test]
    fn an_opened_journal_is_open_from_every_state_but_the_app_lock() {
        for state in every_state() {
            let before = state.state();
            let (after, error) = state.after(opened());
            let expected = if before == AccessState::AppLocked { AccessState::AppLocked } else { AccessState::Open };
            assert_eq!(after.state(), expected, "opened from {before:?}");
            assert_eq!(after.journal(), Some(&"journal"));
            assert!(error.is_none());
        }
    }

    #[test]
    fn nothing_may_be_read_behind_the_app_lock_though_the_journal_stays_open() {
        let (after, _) = A::new().after(opened());
        let (after, _) = after.after(Event::AppLocked);
        assert!(after.open().is_none());
        assert_eq!(after.journal(), Some(&"journal"));
    }

    #[test]
    fn a_journal_found_damaged_becomes_its_read_only_copy_behind_the_same_lock() {
        for start in [A::Open("journal"), A::AppLocked("journal")] {
            let before = start.state();
            let (after, _) = start.after(Event::FoundDamaged(Ok("read-only")));
            assert_eq!(after.state(), before);
            assert_eq!(after.journal(), Some(&"read-only"));
        }
        let (after, _) = A::Open("journal").after(Event::FoundDamaged(Err(Error::Damaged { path: "j".into() })));
        assert!(matches!(after, Access::Unavailable(Error::Damaged { .. })));
        let (after, _) = A::Passphrase.after(Event::FoundDamaged(Ok("read-only")));
        assert_eq!(after.state(), AccessState::Passphrase, "only an open journal can be found damaged");
    }

    #[test]
    fn a_journal_closed_by_its_face_answers_with_the_reason_until_it_opens_again() {
        for state in every_state() {
            let (after, _) = state.after(Event::Closed(Error::Busy));
            assert!(matches!(after, Access::Unavailable(Error::Busy)));
            assert!(after.journal().is_none());
            let (after, _) = after.after(opened());
            assert_eq!(after.state(), AccessState::Open);
        }
    }

    #[test]
    fn a_needed_passphrase_asks_for_it_or_for_a_new_one_for_an_unencrypted_journal() {
        let (after, _) = A::new().after(failed(Error::PassphraseNeeded));
        assert_eq!(after.state(), AccessState::Passphrase);
        let (after, _) = A::new().after(Event::Failed { error: Error::PassphraseNeeded, unencrypted: true });
        assert_eq!(after.state(), AccessState::ChoosePassphrase);
    }

    #[test]
    fn a_missing_or_wrong_key_asks_for_the_recovery_key() {
        let (after, _) = A::new().after(failed(Error::KeyMissing));
        assert!(matches!(after, Access::RecoveryKey(Error::KeyMissing)));
        let (after, _) = A::new().after(failed(Error::WrongKey));
        assert!(matches!(after, Access::RecoveryKey(Error::WrongKey)), "the reason is kept, to be said");
    }

    #[test]
    fn any_other_failure_makes_the_journal_unavailable_with_its_error() {
        let (after, handed_back) = A::new().after(failed(Error::DiskFull));
        assert!(matches!(after, Access::Unavailable(Error::DiskFull)));
        assert!(handed_back.is_none(), "the error is kept in the state, not handed back");
    }

    #[test]
    fn a_failed_attempt_never_closes_an_open_journal() {
        for start in [Access::Open("journal"), Access::AppLocked("journal")] {
            let before = start.state();
            let (after, error) = start.after(failed(Error::Damaged { path: "j".into() }));
            assert_eq!(after.state(), before);
            assert!(matches!(error, Some(Error::Damaged { .. })), "the failure is handed back to report");
        }
    }

    #[test]
    fn a_mistyped_answer_leaves_the_question_as_it_was() {
        for question in [A::ChoosePassphrase, A::Passphrase, A::RecoveryKey(Error::KeyMissing)] {
            for mistake in [Error::WrongPassphrase, Error::WrongKey, Error::InvalidRecoveryKey, Error::invalid("short")]
            {
                let before = question.state();
                let (after, error) = match before {
                    AccessState::ChoosePassphrase => A::ChoosePassphrase,
                    AccessState::Passphrase => A::Passphrase,
                    _ => A::RecoveryKey(Error::KeyMissing),
                }
                .after(failed(mistake));
                assert_eq!(after.state(), before);
                assert!(error.is_some(), "the mistake is handed back to say what was wrong");
            }
        }
    }

    #[test]
    fn a_real_problem_while_asking_replaces_the_question() {
        let (after, _) = A::Passphrase.after(failed(Error::Busy));
        assert!(matches!(after, Access::Unavailable(Error::Busy)));
    }

    #[test]
    fn an_unavailable_journal_answers_a_new_failure_with_the_new_state() {
        let (after, _) = A::Unavailable(Error::Busy).after(failed(Error::PassphraseNeeded));
        assert_eq!(after.state(), AccessState::Passphrase);
        let (after, _) = A::Unavailable(Error::Busy).after(failed(Error::WrongPassphrase));
        assert!(matches!(after, Access::Unavailable(Error::WrongPassphrase)));
    }

    #[test]
    fn the_app_lock_engages_only_on_an_open_journal_and_lifts_only_when_engaged() {
        let (locked, _) = A::Open("journal").after(Event::AppLocked);
        assert_eq!(locked.state(), AccessState::AppLocked);
        let (again, _) = locked.after(Event::AppLocked);
        assert_eq!(again.state(), AccessState::AppLocked);
        let (open, _) = again.after(Event::AppUnlocked);
        assert_eq!(open.state(), AccessState::Open);
        let (still_open, _) = open.after(Event::AppUnlocked);
        assert_eq!(still_open.state(), AccessState::Open);
        for closed in
            [A::ChoosePassphrase, A::Passphrase, A::RecoveryKey(Error::WrongKey), A::Unavailable(Error::DiskFull)]
        {
            let before = closed.state();
            let (after, _) = closed.after(Event::AppLocked);
            assert_eq!(after.state(), before);
            let (after, _) = after.after(Event::AppUnlocked);
            assert_eq!(after.state(), before, "lifting a lock that is not there opens nothing");
        }
    }
}
