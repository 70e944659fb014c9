//! The action-learning commands: projects, experiments, peer sessions,
//! commitments, today and the week.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Subcommand;
use praxis_core::{
    Commitment, CommitmentDraft, CommitmentStatus, EntryId, Expectation, Experiment, ExperimentPlan, ExperimentStatus,
    ExperimentSummary, Journal, OutcomeDraft, PeerSession, ProjectDraft, ProjectId, ProjectStatus, Role, SessionDraft,
    SessionId, SessionNotes,
};

use crate::args::parse_day;
use crate::print;

fn parse<T: std::str::FromStr<Err = praxis_core::Error>>(text: &str) -> Result<T, praxis_core::Error> {
    text.parse()
}

#[derive(Debug, Subcommand)]
pub enum ProjectAction {
    /// Start a project; prints its id.
    New {
        #[arg(long)]
        name: String,
        /// The challenge, in one or two sentences.
        #[arg(long, default_value = "")]
        challenge: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        start: NaiveDate,
        /// The planned end (6–12 months after the start is typical).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        end: NaiveDate,
    },
    /// List the projects.
    List,
    /// Show a project: its entries, experiments and sessions.
    Show { project: String },
    /// Change a project; options not given stay as they are.
    Update {
        project: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        challenge: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        start: Option<NaiveDate>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        end: Option<NaiveDate>,
        /// active, paused or finished.
        #[arg(long, value_parser = parse::<ProjectStatus>)]
        status: Option<ProjectStatus>,
    },
    /// Put an entry in a project (or take it out with --none).
    Assign {
        entry: String,
        #[arg(required_unless_present = "none")]
        project: Option<String>,
        #[arg(long, conflicts_with = "project")]
        none: bool,
    },
    /// Delete a project. Its entries stay, without a project.
    Delete { project: String },
}

#[derive(Debug, Subcommand)]
pub enum ExperimentAction {
    /// Plan an experiment; prints its id.
    New {
        /// "If I …, then …".
        #[arg(long)]
        hypothesis: String,
        /// What I will do.
        #[arg(long, default_value = "")]
        action: String,
        /// What I expect to happen.
        #[arg(long, default_value = "")]
        expect: String,
        /// What would show it worked.
        #[arg(long, default_value = "")]
        works_if: String,
        /// What would show it didn't.
        #[arg(long, default_value = "")]
        fails_if: String,
        /// When it starts (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        start: Option<NaiveDate>,
        /// When to look at what happened.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        review: NaiveDate,
        /// A short name (default: the hypothesis).
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long)]
        project: Option<String>,
        /// The experiment this one grew from.
        #[arg(long)]
        grew_from: Option<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Change a planned experiment's expectation (refused once it started).
    Edit {
        experiment: String,
        #[arg(long)]
        hypothesis: Option<String>,
        #[arg(long)]
        action: Option<String>,
        #[arg(long)]
        expect: Option<String>,
        #[arg(long)]
        works_if: Option<String>,
        #[arg(long)]
        fails_if: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        start: Option<NaiveDate>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        review: Option<NaiveDate>,
    },
    /// The ledger: experiments by status, reviews due first.
    List {
        /// Only this status: planned, running, observed, concluded or abandoned.
        #[arg(long, value_parser = parse::<ExperimentStatus>)]
        status: Option<ExperimentStatus>,
    },
    /// Show an experiment: expected beside actual.
    Show { experiment: String },
    /// Follow an experiment to the ones that grew from it.
    Chain { experiment: String },
    /// Start it: what you expect is locked from now on.
    Start { experiment: String },
    /// Record what actually happened (an outcome); a running experiment becomes observed.
    Observe {
        experiment: String,
        /// The facts: what actually happened.
        #[arg(long)]
        happened: String,
        #[arg(long, default_value = "")]
        surprised: String,
        /// Why it differed from what you expected.
        #[arg(long, default_value = "")]
        why: String,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        occurred_on: Option<NaiveDate>,
    },
    /// Conclude it with what you learnt and the next step.
    Conclude {
        experiment: String,
        #[arg(long)]
        learning: String,
        #[arg(long, default_value = "")]
        next_step: String,
    },
    /// Abandon it (it can be planned again later, as a retry).
    Abandon { experiment: String },
    /// Plan an abandoned experiment again.
    Retry { experiment: String },
}

#[derive(Debug, Subcommand)]
pub enum SessionAction {
    /// Add a peer session; prints its id.
    New {
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        held_on: NaiveDate,
        #[arg(long)]
        group: String,
        /// presenter or questioner.
        #[arg(long, value_parser = parse::<Role>)]
        role: Role,
        #[arg(long)]
        project: Option<String>,
    },
    /// Print the prep sheet as Markdown; with --save, keep it (and the issue and question).
    Prep {
        session: String,
        /// My issue in one sentence.
        #[arg(long)]
        issue: Option<String>,
        /// The question I bring to the group.
        #[arg(long)]
        question: Option<String>,
        /// Save the sheet as the session's prep entry.
        #[arg(long)]
        save: bool,
    },
    /// After the session: notes, insights and commitments.
    Notes {
        session: String,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long, default_value = "")]
        insights: String,
        /// A commitment, "what" or "what by YYYY-MM-DD" (repeat for several).
        #[arg(long = "commit", value_name = "WHAT")]
        commitments: Vec<String>,
    },
    /// List the sessions, latest first.
    List,
}

#[derive(Debug, Subcommand)]
pub enum CommitmentAction {
    /// List commitments (open ones by default).
    List {
        /// open, done or dropped; --all for every one.
        #[arg(long, value_parser = parse::<CommitmentStatus>, conflicts_with = "all")]
        status: Option<CommitmentStatus>,
        #[arg(long)]
        all: bool,
    },
    /// Mark a commitment done.
    Done { commitment: String },
    /// Drop a commitment.
    Drop { commitment: String },
    /// Open a closed commitment again.
    Reopen { commitment: String },
}

fn short(id: impl ToString) -> String {
    id.to_string()[..8].to_string()
}

fn resolve_experiment(journal: &Journal, text: &str) -> Result<EntryId> {
    Ok(journal.resolve_id(text)?)
}

fn resolve_project(journal: &Journal, text: Option<&str>) -> Result<Option<ProjectId>> {
    Ok(text.map(|t| journal.resolve_project(t)).transpose()?)
}

fn print_id(out: &mut dyn Write, json: bool, id: impl ToString) -> Result<()> {
    if json {
        print::json(out, &serde_json::json!({ "id": id.to_string() }))
    } else {
        writeln!(out, "{}", id.to_string())?;
        Ok(())
    }
}

pub fn project(
    journal: &Journal,
    action: ProjectAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    match action {
        ProjectAction::New { name, challenge, start, end } => {
            let draft = ProjectDraft { name, challenge, starts_on: start, ends_on: end, status: ProjectStatus::Active };
            let project = journal.create_project(ProjectId::random(), &draft, now)?;
            print_id(out, json, project.id)
        }
        ProjectAction::List => {
            let projects = journal.list_projects()?;
            if json {
                return print::json(out, &projects);
            }
            if projects.is_empty() {
                writeln!(out, "No projects yet. `praxis project new --name … --start … --end …` starts one.")?;
            }
            for p in projects {
                writeln!(
                    out,
                    "{}  {} → {}  {:<8}  {}",
                    short(p.id),
                    p.starts_on,
                    p.ends_on,
                    p.status.as_str(),
                    p.name
                )?;
            }
            Ok(())
        }
        ProjectAction::Show { project } => {
            let overview = journal.project_overview(journal.resolve_project(&project)?, now.date_naive())?;
            if json {
                return print::json(out, &overview);
            }
            let p = &overview.project;
            writeln!(out, "# {}\n", p.name)?;
            writeln!(out, "{} → {}, {}", p.starts_on, p.ends_on, p.status.as_str())?;
            if !p.challenge.is_empty() {
                writeln!(out, "\n{}", p.challenge)?;
            }
            writeln!(out, "\n## Experiments")?;
            experiment_lines(out, &overview.experiments)?;
            writeln!(out, "\n## Sessions")?;
            for s in &overview.sessions {
                writeln!(out, "{}  {}  {} ({})", short(s.id), s.held_on, s.group_name, s.role.as_str())?;
            }
            writeln!(out, "\n## Timeline")?;
            print::summaries(out, &overview.entries, false)
        }
        ProjectAction::Update { project, name, challenge, start, end, status } => {
            let id = journal.resolve_project(&project)?;
            let mut draft = journal.get_project(id)?.draft();
            draft.name = name.unwrap_or(draft.name);
            draft.challenge = challenge.unwrap_or(draft.challenge);
            draft.starts_on = start.unwrap_or(draft.starts_on);
            draft.ends_on = end.unwrap_or(draft.ends_on);
            draft.status = status.unwrap_or(draft.status);
            let saved = journal.update_project(id, &draft, now)?;
            if json {
                return print::json(out, &saved);
            }
            print::done(out, false, &format!("Saved the project {}.", saved.name))
        }
        ProjectAction::Assign { entry, project, none } => {
            let entry = journal.resolve_id(&entry)?;
            let project = if none { None } else { resolve_project(journal, project.as_deref())? };
            journal.set_entry_project(entry, project)?;
            let message = match project {
                Some(p) => format!("Entry {} is in the project {}.", short(entry), journal.get_project(p)?.name),
                None => format!("Entry {} is in no project now.", short(entry)),
            };
            print::done(out, json, &message)
        }
        ProjectAction::Delete { project } => {
            let id = journal.resolve_project(&project)?;
            let name = journal.get_project(id)?.name;
            let kept = journal.delete_project(id)?;
            print::done(out, json, &format!("Deleted the project {name}. Its {kept} entries stay, without a project."))
        }
    }
}

fn experiment_lines(out: &mut dyn Write, list: &[ExperimentSummary]) -> Result<()> {
    if list.is_empty() {
        writeln!(out, "No experiments.")?;
    }
    for e in list {
        let due = if e.review_due { "  review due" } else { "" };
        writeln!(out, "{}  {:<9}  review {}  {}{due}", short(e.id), e.status.as_str(), e.review_on, e.title)?;
    }
    Ok(())
}

fn show_experiment(out: &mut dyn Write, e: &Experiment, json: bool) -> Result<()> {
    if json {
        return print::json(out, e);
    }
    writeln!(out, "# {}\n", e.entry.title)?;
    writeln!(out, "id:      {}", e.id())?;
    writeln!(out, "status:  {}", e.status)?;
    writeln!(out, "start:   {}   review: {}", e.starts_on, e.review_on)?;
    match e.locked_at {
        Some(at) => writeln!(out, "locked:  {} (what I expected cannot change)", at.format("%Y-%m-%d %H:%M %:z"))?,
        None => writeln!(out, "locked:  not yet (it locks when it starts)")?,
    }
    let x = &e.expectation;
    writeln!(out, "\n## What I expected\n")?;
    writeln!(out, "Hypothesis: {}", x.hypothesis)?;
    writeln!(out, "Planned action: {}", x.planned_action)?;
    writeln!(out, "Expected outcome: {}", x.expected_outcome)?;
    writeln!(out, "It worked if: {}", x.success_signals)?;
    writeln!(out, "It did not work if: {}", x.failure_signals)?;
    writeln!(out, "\n## What actually happened\n")?;
    if e.outcomes.is_empty() {
        writeln!(out, "No outcome recorded yet.")?;
    }
    for o in &e.outcomes {
        writeln!(out, "### {} ({})\n\n{}", o.title, o.occurred_on, o.happened)?;
        if !o.surprised.is_empty() {
            writeln!(out, "\nWhat surprised me: {}", o.surprised)?;
        }
        if !o.why_different.is_empty() {
            writeln!(out, "Why it differed: {}", o.why_different)?;
        }
        writeln!(out)?;
    }
    if !e.learning.is_empty() || !e.next_step.is_empty() {
        writeln!(out, "## What I learnt\n\n{}\n\nNext step: {}", e.learning, e.next_step)?;
    }
    writeln!(out, "\n## Status history\n")?;
    for change in &e.history {
        let retry = if change.retry { " (a retry)" } else { "" };
        writeln!(out, "{}  {}{retry}", change.at.format("%Y-%m-%d %H:%M %:z"), change.status)?;
    }
    Ok(())
}

pub fn experiment(
    journal: &Journal,
    action: ExperimentAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    let today = now.date_naive();
    let moved = |out: &mut dyn Write, id: String, to: ExperimentStatus| -> Result<()> {
        let e = journal.move_experiment(resolve_experiment(journal, &id)?, to, now)?;
        if json {
            return print::json(out, &e);
        }
        let extra = if to == ExperimentStatus::Running { " What you expected is locked from now on." } else { "" };
        print::done(out, false, &format!("{} is {} now.{extra}", e.entry.title, e.status))
    };
    match action {
        ExperimentAction::New {
            hypothesis,
            action,
            expect,
            works_if,
            fails_if,
            start,
            review,
            title,
            project,
            grew_from,
            tags,
        } => {
            let plan = ExperimentPlan {
                title,
                expectation: Expectation {
                    hypothesis,
                    planned_action: action,
                    expected_outcome: expect,
                    success_signals: works_if,
                    failure_signals: fails_if,
                },
                starts_on: start,
                review_on: review,
                project: resolve_project(journal, project.as_deref())?,
                grew_from: grew_from.map(|g| resolve_experiment(journal, &g)).transpose()?,
                tags,
            };
            let e = journal.plan_experiment(EntryId::random(), &plan, "", now)?;
            print_id(out, json, e.id())
        }
        ExperimentAction::Edit { experiment, hypothesis, action, expect, works_if, fails_if, start, review } => {
            let current = journal.get_experiment(resolve_experiment(journal, &experiment)?)?;
            let mut x = current.expectation.clone();
            x.hypothesis = hypothesis.unwrap_or(x.hypothesis);
            x.planned_action = action.unwrap_or(x.planned_action);
            x.expected_outcome = expect.unwrap_or(x.expected_outcome);
            x.success_signals = works_if.unwrap_or(x.success_signals);
            x.failure_signals = fails_if.unwrap_or(x.failure_signals);
            let saved = journal.update_expectation(
                current.id(),
                &x,
                start.unwrap_or(current.starts_on),
                review.unwrap_or(current.review_on),
            )?;
            show_experiment(out, &saved, json)
        }
        ExperimentAction::List { status } => {
            let list = journal.list_experiments(status, today)?;
            if json {
                return print::json(out, &list);
            }
            experiment_lines(out, &list)
        }
        ExperimentAction::Show { experiment } => {
            show_experiment(out, &journal.get_experiment(resolve_experiment(journal, &experiment)?)?, json)
        }
        ExperimentAction::Chain { experiment } => {
            let chain = journal.experiment_chain(resolve_experiment(journal, &experiment)?, today)?;
            if json {
                let list: Vec<_> =
                    chain.iter().map(|(depth, e)| serde_json::json!({ "depth": depth, "experiment": e })).collect();
                return print::json(out, &list);
            }
            for (depth, e) in chain {
                writeln!(out, "{}{}  {:<9}  {}", "  ".repeat(depth), short(e.id), e.status.as_str(), e.title)?;
            }
            Ok(())
        }
        ExperimentAction::Start { experiment } => moved(out, experiment, ExperimentStatus::Running),
        ExperimentAction::Abandon { experiment } => moved(out, experiment, ExperimentStatus::Abandoned),
        ExperimentAction::Retry { experiment } => moved(out, experiment, ExperimentStatus::Planned),
        ExperimentAction::Observe { experiment, happened, surprised, why, title, occurred_on } => {
            let draft = OutcomeDraft { title, happened, surprised, why_different: why, occurred_on };
            let outcome =
                journal.record_outcome(EntryId::random(), resolve_experiment(journal, &experiment)?, &draft, now)?;
            print_id(out, json, outcome.id)
        }
        ExperimentAction::Conclude { experiment, learning, next_step } => {
            let e =
                journal.conclude_experiment(resolve_experiment(journal, &experiment)?, &learning, &next_step, now)?;
            if json {
                return print::json(out, &e);
            }
            print::done(out, false, &format!("{} is concluded.", e.entry.title))
        }
    }
}

/// "Ask Sam by 2026-05-08" → what and when; without " by <date>", no due day.
fn commitment_draft(text: &str) -> Result<CommitmentDraft> {
    if let Some((what, when)) = text.rsplit_once(" by ") {
        if let Ok(due) = NaiveDate::parse_from_str(when.trim(), "%Y-%m-%d") {
            return Ok(CommitmentDraft {
                what: what.trim_end_matches([',', ';']).trim().to_string(),
                due_on: Some(due),
            });
        }
    }
    Ok(CommitmentDraft { what: text.trim().to_string(), due_on: None })
}

fn session_line(s: &PeerSession) -> String {
    let open = s.commitments.iter().filter(|c| c.status == CommitmentStatus::Open).count();
    format!(
        "{}  {}  {:<10}  {}  ({} commitments, {open} open)",
        short(s.id),
        s.held_on,
        s.role.as_str(),
        s.group_name,
        s.commitments.len()
    )
}

pub fn session(
    journal: &Journal,
    action: SessionAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    let today = now.date_naive();
    match action {
        SessionAction::New { held_on, group, role, project } => {
            let draft = SessionDraft {
                held_on,
                group_name: group,
                role,
                project: resolve_project(journal, project.as_deref())?,
            };
            let s = journal.create_session(SessionId::random(), &draft, now)?;
            print_id(out, json, s.id)
        }
        SessionAction::Prep { session, issue, question, save } => {
            let id = journal.resolve_session(&session)?;
            let mut sheet = journal.prep_sheet(id, today)?;
            if let Some(issue) = issue {
                sheet.issue = issue;
            }
            if let Some(question) = question {
                sheet.question = question;
            }
            let markdown = sheet.markdown(today);
            if save {
                journal.save_prep(id, &sheet.issue, &sheet.question, &markdown, now)?;
            }
            if json {
                return print::json(out, &serde_json::json!({ "sheet": sheet, "markdown": markdown, "saved": save }));
            }
            write!(out, "{markdown}")?;
            Ok(())
        }
        SessionAction::Notes { session, notes, insights, commitments } => {
            let id = journal.resolve_session(&session)?;
            let commitments = commitments.iter().map(|c| commitment_draft(c)).collect::<Result<Vec<_>>>()?;
            let saved = journal.record_session_notes(id, &SessionNotes { notes, insights, commitments }, now)?;
            if json {
                return print::json(out, &saved);
            }
            writeln!(out, "{}", session_line(&saved))?;
            commitment_lines(out, &saved.commitments, today)
        }
        SessionAction::List => {
            let list = journal.list_sessions()?;
            if json {
                return print::json(out, &list);
            }
            if list.is_empty() {
                writeln!(out, "No sessions yet. `praxis session new --on … --group … --role presenter` adds one.")?;
            }
            for s in &list {
                writeln!(out, "{}", session_line(s))?;
            }
            Ok(())
        }
    }
}

fn commitment_lines(out: &mut dyn Write, list: &[Commitment], today: NaiveDate) -> Result<()> {
    for c in list {
        let due = c.due_on.map(|d| format!("  by {d}")).unwrap_or_default();
        let overdue = if c.is_overdue(today) { "  OVERDUE" } else { "" };
        writeln!(out, "{}  {:<7}  {}{due}{overdue}", short(c.id), c.status.as_str(), c.what)?;
    }
    Ok(())
}

pub fn commitment(
    journal: &Journal,
    action: CommitmentAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    let set = |out: &mut dyn Write, text: String, status: CommitmentStatus| -> Result<()> {
        let c = journal.set_commitment_status(journal.resolve_commitment(&text)?, status, now)?;
        if json {
            return print::json(out, &c);
        }
        print::done(out, false, &format!("\"{}\" is {} now.", c.what, c.status.as_str()))
    };
    match action {
        CommitmentAction::List { status, all } => {
            let status = if all { None } else { Some(status.unwrap_or(CommitmentStatus::Open)) };
            let list = journal.list_commitments(status)?;
            if json {
                return print::json(out, &list);
            }
            if list.is_empty() {
                writeln!(out, "No commitments.")?;
            }
            commitment_lines(out, &list, now.date_naive())
        }
        CommitmentAction::Done { commitment } => set(out, commitment, CommitmentStatus::Done),
        CommitmentAction::Drop { commitment } => set(out, commitment, CommitmentStatus::Dropped),
        CommitmentAction::Reopen { commitment } => set(out, commitment, CommitmentStatus::Open),
    }
}

pub fn today(journal: &Journal, day: NaiveDate, json: bool, out: &mut dyn Write) -> Result<()> {
    let today = journal.today(day)?;
    if json {
        return print::json(out, &today);
    }
    writeln!(out, "# Today, {day}\n\n## Reviews due")?;
    experiment_lines(out, &today.reviews)?;
    writeln!(out, "\n## Sessions today or tomorrow")?;
    if today.sessions.is_empty() {
        writeln!(out, "None.")?;
    }
    for s in &today.sessions {
        writeln!(out, "{}", session_line(s))?;
    }
    writeln!(out, "\n## Commitments due this week")?;
    if today.commitments.is_empty() {
        writeln!(out, "None.")?;
    }
    commitment_lines(out, &today.commitments, day)?;
    writeln!(out, "\n## On this day")?;
    if today.on_this_day.is_empty() {
        writeln!(out, "Nothing written on this day in earlier months.")?;
    }
    print::summaries(out, &today.on_this_day, false)
}

pub fn week(journal: &Journal, day: NaiveDate, json: bool, out: &mut dyn Write) -> Result<()> {
    let week = journal.week_review(day)?;
    if json {
        return print::json(out, &week);
    }
    writeln!(out, "# The week of {} to {}\n\n## Experiments", week.from, week.to)?;
    experiment_lines(out, &week.experiments)?;
    writeln!(out, "\n## Outcomes")?;
    if week.outcomes.is_empty() {
        writeln!(out, "None this week.")?;
    }
    for o in &week.outcomes {
        writeln!(out, "{}  {}  {} (from {})", short(o.id), o.occurred_on, o.title, o.experiment_title)?;
    }
    writeln!(out, "\n## Open commitments")?;
    if week.open_commitments.is_empty() {
        writeln!(out, "None.")?;
    }
    commitment_lines(out, &week.open_commitments, day)?;
    writeln!(out, "\nLook back: what did you try, what happened, and what will you try next?")?;
    Ok(())
}
