//! Conversions between stored columns and domain types, and the sort key.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Row;

use crate::error::{Error, Result};
use crate::model::{
    CommitmentId, CommitmentStatus, Entry, EntryId, EntrySummary, ExperimentStatus, Kind, ProjectId, ProjectStatus,
    Role, SessionId,
};

impl ToSql for EntryId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for EntryId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        text.parse().map_err(|e: Error| FromSqlError::Other(Box::new(e)))
    }
}

impl ToSql for Kind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Kind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        text.parse().map_err(|e: Error| FromSqlError::Other(Box::new(e)))
    }
}

/// Ids and named values stored as text, read back through their `FromStr`.
macro_rules! text_column {
    ($type:ty, $text:expr) => {
        impl ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                let text: fn(&$type) -> String = $text;
                Ok(ToSqlOutput::from(text(self)))
            }
        }

        impl FromSql for $type {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str()?.parse().map_err(|e: Error| FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

text_column!(ProjectId, |id| id.to_string());
text_column!(SessionId, |id| id.to_string());
text_column!(CommitmentId, |id| id.to_string());
text_column!(ProjectStatus, |s| s.as_str().to_string());
text_column!(ExperimentStatus, |s| s.as_str().to_string());
text_column!(Role, |r| r.as_str().to_string());
text_column!(CommitmentStatus, |s| s.as_str().to_string());

/// Instants are stored as RFC 3339 text with the writer's offset, to the
/// millisecond, so the offset survives and text order within one offset is
/// time order.
pub(crate) fn stamp(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, false)
}

pub(crate) fn parse_stamp(text: &str) -> rusqlite::Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn split_tags(text: &str) -> Vec<String> {
    text.split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

pub(crate) fn join_tags(tags: &[String]) -> String {
    tags.join(" ")
}

/// Bits of the sort key that order entries within one day.
const SEQUENCE_BITS: u32 = 24;
const SEQUENCE_MASK: i64 = (1 << SEQUENCE_BITS) - 1;

/// The range of sort keys of one day: `(days since 0001-01-01) << 24`, plus
/// a sequence number for the order entries arrived on that day.
pub(crate) fn day_keys(day: NaiveDate) -> (i64, i64) {
    let base = i64::from(day.num_days_from_ce()) << SEQUENCE_BITS;
    (base, base | SEQUENCE_MASK)
}

/// The sort key range covering `from ..= to` (either end open).
pub(crate) fn range_keys(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(i64, i64)> {
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Error::conflict(format!(
                "The start date {from} is after the end date {to}. Swap them to see entries between the two."
            )));
        }
    }
    let lo = from.map(|d| day_keys(d).0).unwrap_or(i64::MIN);
    let hi = to.map(|d| day_keys(d).1).unwrap_or(i64::MAX);
    Ok((lo, hi))
}

/// Columns, in this order: uuid, kind, title, occurred_on, tags, starred, updated_at.
pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<EntrySummary> {
    Ok(EntrySummary {
        id: row.get(0)?,
        kind: row.get(1)?,
        title: row.get(2)?,
        occurred_on: parse_day(&row.get::<_, String>(3)?)?,
        tags: split_tags(&row.get::<_, String>(4)?),
        starred: row.get(5)?,
        updated_at: parse_stamp(&row.get::<_, String>(6)?)?,
    })
}

/// Columns, in this order: uuid, kind, title, tags, occurred_on, created_at,
/// updated_at, starred, revision, deleted_at, body, and the uuid of the
/// entry's project ([`ENTRY_PROJECT`]).
pub(crate) fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let deleted_at: Option<String> = row.get(9)?;
    Ok(Entry {
        id: row.get(0)?,
        kind: row.get(1)?,
        title: row.get(2)?,
        tags: split_tags(&row.get::<_, String>(3)?),
        occurred_on: parse_day(&row.get::<_, String>(4)?)?,
        created_at: parse_stamp(&row.get::<_, String>(5)?)?,
        updated_at: parse_stamp(&row.get::<_, String>(6)?)?,
        starred: row.get(7)?,
        revision: row.get(8)?,
        deleted_at: deleted_at.as_deref().map(parse_stamp).transpose()?,
        body: row.get(10)?,
        project: row.get(11)?,
    })
}

/// The project of the entry `e` (the uuid, or NULL): the column after the
/// body in every read of a whole entry (a macro, for `concat!`).
macro_rules! entry_project {
    () => {
        "(SELECT p.uuid FROM entry_projects AS ep JOIN projects AS p ON p.id = ep.project_id WHERE ep.entry_id = e.id)"
    };
}
pub(crate) use entry_project;
