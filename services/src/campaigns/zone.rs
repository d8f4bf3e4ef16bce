//! The time zone of a campaign's page: every time an organizer types or reads there is in
//! its event's zone, or in the organization's for a campaign without an event. Instants are
//! stored as Unix seconds, so a clock change between scheduling and sending moves nothing.

use jiff::tz::TimeZone;

use domain::EventId;
use domain::campaign::{CampaignTimes, ZoneOf};
use domain::error::AppError;

use crate::Services;
use crate::db::campaigns::CampaignRecord;
use crate::db::managed_events;
use crate::db::organizations::OrganizationRow;
use crate::time;

/// A campaign's zone.
pub(crate) struct CampaignZone {
    tz: TimeZone,
    name: String,
    of: ZoneOf,
}

impl CampaignZone {
    /// The zone named `event_zone` (the event's), else the organization's.
    pub fn new(organization: &OrganizationRow, event_zone: Option<&str>) -> Self {
        let (name, of) = match event_zone {
            Some(zone) => (zone, ZoneOf::Event),
            None => (organization.time_zone.as_str(), ZoneOf::Organization),
        };
        Self {
            tz: time::zone_or_utc(name),
            name: name.to_owned(),
            of,
        }
    }

    /// The zone of a campaign about `event` (read from the database).
    pub async fn load(
        state: &Services,
        organization: &OrganizationRow,
        event: Option<EventId>,
    ) -> Result<Self, AppError> {
        let event_zone = match event {
            Some(event) => managed_events::by_id(&state.db, organization.id, event)
                .await
                .map_err(AppError::db("cannot read an event"))?
                .map(|e| e.time_zone),
            None => None,
        };
        Ok(Self::new(organization, event_zone.as_deref()))
    }

    /// A `datetime-local` value typed in this zone, as Unix seconds.
    pub fn parse(&self, raw: &str) -> Result<i64, String> {
        time::parse_local(raw, &self.tz)
    }

    /// "3 Mar 2026, 10:00 CET".
    pub fn moment(&self, at: i64) -> String {
        time::moment_label(at, &self.tz)
    }

    /// "3 Mar, 10:00", for the chart whose caption names the zone.
    pub fn hour(&self, at: i64) -> String {
        time::hour_label(at, &self.tz)
    }

    /// "10:02:31 CET".
    pub fn clock(&self, at: i64) -> String {
        time::clock_label(at, &self.tz)
    }

    /// The campaign's times, written out.
    pub fn times(&self, record: &CampaignRecord) -> CampaignTimes {
        let moment = |at: Option<i64>| at.map(|at| self.moment(at)).unwrap_or_default();
        let scheduled = record.send_at.filter(|_| record.started_at.is_none());
        CampaignTimes {
            zone: self.name.clone(),
            zone_of: self.of,
            send_at: moment(scheduled),
            send_at_input: scheduled
                .map(|at| time::local_input(at, &self.tz))
                .unwrap_or_default(),
            started: moment(record.started_at),
            finished: moment(record.finished_at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::OrganizationId;

    fn organization(zone: &str) -> OrganizationRow {
        OrganizationRow {
            id: OrganizationId(1),
            slug: "acme".into(),
            name: "Acme".into(),
            members: 1,
            time_zone: zone.into(),
        }
    }

    #[test]
    fn the_event_zone_wins_and_a_time_reads_back_as_typed_across_a_clock_change() {
        let berlin = CampaignZone::new(&organization("America/New_York"), Some("Europe/Berlin"));
        // 10:00 in winter (CET, UTC+1) and in summer (CEST, UTC+2).
        let winter = berlin.parse("2027-03-01T10:00").expect("a time");
        let summer = berlin.parse("2027-04-01T10:00").expect("a time");
        assert_eq!(winter, 1_803_891_600, "09:00 UTC");
        assert_eq!(summer - winter, 31 * 86_400 - 3_600);
        assert_eq!(berlin.moment(summer), "1 Apr 2027, 10:00 CEST");
        assert_eq!(berlin.moment(winter), "1 Mar 2027, 10:00 CET");
        let own = CampaignZone::new(&organization("America/New_York"), None);
        assert_eq!(own.of, ZoneOf::Organization);
        assert_eq!(own.moment(winter), "1 Mar 2027, 04:00 EST");
    }
}
