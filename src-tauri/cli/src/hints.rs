//! What the command line adds to the core's sentences: the `praxis …`
//! command that helps next. The core's messages name no command (the window
//! offers a button instead), so this is the one place that maps a core error
//! to the command a person types.

use praxis_core::Error;

use crate::unlock::Advised;

/// The line printed after `praxis: ` for an error that ends a command: its
/// message (with any context before it) and, for a core error, the command
/// that helps.
pub fn error_line(err: &anyhow::Error) -> String {
    let message = format!("{err:#}");
    match core_error(err).and_then(hint) {
        Some(hint) => format!("{message} {hint}"),
        None => message,
    }
}

/// The core error inside `err`, wherever in its chain it is.
fn core_error(err: &anyhow::Error) -> Option<&Error> {
    err.chain().find_map(|cause| {
        cause.downcast_ref::<Error>().or_else(|| cause.downcast_ref::<Advised>().map(|advised| &advised.error))
    })
}

/// The sentence the command line adds after `error`'s own message, if any.
pub fn hint(error: &Error) -> Option<String> {
    let hint = match error {
        Error::EntryNotFound(_) => "Check the id with `praxis list`.".to_string(),
        Error::RevisionNotFound { entry, .. } => format!("`praxis history {entry}` lists its versions."),
        Error::NotAnExperiment(_) => "`praxis experiment list` shows the experiments.".into(),
        Error::ProjectNotFound(_) => "`praxis project list` shows them.".into(),
        Error::SessionNotFound(_) => "`praxis session list` shows them.".into(),
        Error::CommitmentNotFound(_) => "`praxis commitment list` shows them.".into(),
        Error::ReadOnly => {
            "`praxis backup list` shows the backups; `praxis backup restore ID` puts one in place.".into()
        }
        Error::InvalidInput(message) => invalid_input_hint(message)?.into(),
        Error::NotFound(message) => not_found_hint(message)?.into(),
        _ => return None,
    };
    Some(hint)
}

/// The core builds these from `FromStr` for ids and from the share files;
/// their sentences are pinned by this module's tests.
fn invalid_input_hint(message: &str) -> Option<&'static str> {
    if message.ends_with(" is not an entry id (ids look like 3f2a9c1e-…).") {
        Some("`praxis list` shows them.")
    } else if message.ends_with(" is not a project id.")
        || message.ends_with(" matches more than one project. Use more of its id.")
    {
        Some("`praxis project list` shows them.")
    } else if message.ends_with(" is not a session id.") {
        Some("`praxis session list` shows them.")
    } else if message.ends_with(" is not a commitment id.") {
        Some("`praxis commitment list` shows them.")
    } else if message == "This is a feedback reply, not a share." {
        Some("Import it with `praxis feedback import`.")
    } else if message == "This is a share, not a feedback reply." {
        Some("Open it with `praxis open`.")
    } else {
        None
    }
}

fn not_found_hint(message: &str) -> Option<&'static str> {
    if message.starts_with("There is no backup \"") && message.ends_with("\".") {
        Some("`praxis backup list` shows them.")
    } else if message.starts_with("There is no coach named ") {
        Some("`praxis coach list` shows them.")
    } else if message.starts_with("There is no experiment ") && message.ends_with(" to link this outcome to.") {
        Some("`praxis experiment list` shows the experiments.")
    } else {
        None
    }
}

/// A problem `praxis check` found, with the command that repairs it.
pub fn problem_line(problem: &str) -> String {
    if problem.starts_with("search index: ") {
        // The core says the index is damaged; the CLI's repair is a flag.
        format!("{problem} Rebuild it with `praxis check --repair-index`.")
    } else {
        problem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use praxis_core::model::{CommitmentId, EntryId, ProjectId, SessionId};

    use super::*;

    fn line(error: Error) -> String {
        error_line(&anyhow::Error::from(error))
    }

    #[test]
    fn the_cli_adds_its_command_after_the_core_sentence() {
        assert_eq!(
            line(Error::EntryNotFound("3f2a9c1e".into())),
            "No entry with the id 3f2a9c1e exists. Check the id with `praxis list`."
        );
        let entry = EntryId::random();
        assert_eq!(
            line(Error::RevisionNotFound { entry: entry.to_string(), revision: 3 }),
            format!("Entry {entry} has no version 3. `praxis history {entry}` lists its versions.")
        );
        assert_eq!(
            line(Error::ProjectNotFound("3f2a".into())),
            "No project with the id 3f2a exists. `praxis project list` shows them."
        );
    }

    #[test]
    fn sentences_matched_by_their_words_still_get_their_command() {
        // These messages come from the core's parsers: if the core's wording
        // changes, the hint must follow.
        let parsed = |text: &str| -> Vec<Error> {
            vec![
                text.parse::<EntryId>().unwrap_err(),
                text.parse::<ProjectId>().unwrap_err(),
                text.parse::<SessionId>().unwrap_err(),
                text.parse::<CommitmentId>().unwrap_err(),
            ]
        };
        let hints: Vec<Option<String>> = parsed("nonsense").iter().map(hint).collect();
        assert_eq!(
            hints,
            vec![
                Some("`praxis list` shows them.".to_string()),
                Some("`praxis project list` shows them.".to_string()),
                Some("`praxis session list` shows them.".to_string()),
                Some("`praxis commitment list` shows them.".to_string()),
            ]
        );
        assert_eq!(
            hint(&Error::NotFound("There is no backup \"2026-05-01\".".into())).as_deref(),
            Some("`praxis backup list` shows them.")
        );
        assert_eq!(
            hint(&Error::NotFound("There is no backup \"x\" that this key opens. Nothing was changed.".into())),
            None
        );
    }

    #[test]
    fn a_check_problem_with_the_index_names_the_repair() {
        assert_eq!(
            problem_line("search index: it is damaged."),
            "search index: it is damaged. Rebuild it with `praxis check --repair-index`."
        );
        assert_eq!(problem_line("3 rows point at rows that do not exist"), "3 rows point at rows that do not exist");
    }
}
