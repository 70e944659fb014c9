//! `praxis experiment …`: plan, run, observe and conclude experiments.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Subcommand;
use praxis_core::{
    EntryId, Expectation, Experiment, ExperimentPlan, ExperimentStatus, ExperimentSummary, Journal, OutcomeDraft,
};

use super::resolve_project;
use crate::args::{parse, parse_day};
use crate::print::{self, short, Empty};

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
    Start {
        experiment: String,
        /// The day it started, when you write it down later (default: today).
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        on: Option<NaiveDate>,
    },
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
        /// The day it happened, when you write it down later (default:
        /// today); not before the experiment started.
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
        /// The day you concluded, when you write it down later (default:
        /// today); not before the experiment started.
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        on: Option<NaiveDate>,
    },
    /// Abandon it (it can be planned again later, as a retry).
    Abandon {
        experiment: String,
        /// The day you abandoned it, when you write it down later (default: today).
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        on: Option<NaiveDate>,
    },
    /// Plan an abandoned experiment again.
    Retry {
        experiment: String,
        /// The day you planned it again, when you write it down later (default: today).
        #[arg(long = "on", value_name = "YYYY-MM-DD", value_parser = parse_day)]
        on: Option<NaiveDate>,
    },
}

fn resolve_experiment(journal: &Journal, text: &str) -> Result<EntryId> {
    Ok(journal.resolve_id(text)?)
}

const NO_EXPERIMENTS: Empty = Empty::Say("No experiments.");

fn experiment_line(e: &ExperimentSummary) -> String {
    let due = if e.review_due { "  review due" } else { "" };
    format!("{}  {:<9}  review {}  {}{due}", short(e.id), e.status.as_str(), e.review_on, e.title)
}

/// The ledger's lines, or "No experiments.".
pub(super) fn experiment_lines(out: &mut dyn Write, list: &[ExperimentSummary]) -> Result<()> {
    print::lines(out, list, NO_EXPERIMENTS, experiment_line)
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
        let written = change.at.format("%Y-%m-%d %H:%M %:z");
        writeln!(out, "{}  {:<9}{retry}  (written {written})", change.happened_on, change.status.as_str())?;
    }
    Ok(())
}

pub(super) fn experiment(
    journal: &Journal,
    action: ExperimentAction,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<()> {
    let today = now.date_naive();
    let moved = |out: &mut dyn Write, id: String, to: ExperimentStatus, on: Option<NaiveDate>| -> Result<()> {
        let e = journal.move_experiment_on(resolve_experiment(journal, &id)?, to, on, now)?;
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
            print::id(out, json, e.id())
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
            print::listing(out, &list, json, NO_EXPERIMENTS, experiment_line)
        }
        ExperimentAction::Show { experiment } => {
            show_experiment(out, &journal.get_experiment(resolve_experiment(journal, &experiment)?)?, json)
        }
        ExperimentAction::Chain { experiment } => {
            let chain = journal.experiment_chain(resolve_experiment(journal, &experiment)?, today)?;
            if json {
                // Through serde_json's Value, as it always was: its keys in alphabetical order.
                let list: Vec<_> =
                    chain.iter().map(|(depth, e)| serde_json::json!({ "depth": depth, "experiment": e })).collect();
                return print::json(out, &list);
            }
            print::lines(out, &chain, Empty::Quiet, |(depth, e)| {
                format!("{}{}  {:<9}  {}", "  ".repeat(*depth), short(e.id), e.status.as_str(), e.title)
            })
        }
        ExperimentAction::Start { experiment, on } => moved(out, experiment, ExperimentStatus::Running, on),
        ExperimentAction::Abandon { experiment, on } => moved(out, experiment, ExperimentStatus::Abandoned, on),
        ExperimentAction::Retry { experiment, on } => moved(out, experiment, ExperimentStatus::Planned, on),
        ExperimentAction::Observe { experiment, happened, surprised, why, title, occurred_on } => {
            let draft = OutcomeDraft { title, happened, surprised, why_different: why, occurred_on };
            let outcome =
                journal.record_outcome(EntryId::random(), resolve_experiment(journal, &experiment)?, &draft, now)?;
            print::id(out, json, outcome.id)
        }
        ExperimentAction::Conclude { experiment, learning, next_step, on } => {
            let id = resolve_experiment(journal, &experiment)?;
            let e = journal.conclude_experiment_on(id, &learning, &next_step, on, now)?;
            if json {
                return print::json(out, &e);
            }
            print::done(out, false, &format!("{} is concluded.", e.entry.title))
        }
    }
}
