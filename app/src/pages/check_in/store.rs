//! What a check-in device keeps in IndexedDB, so the door works without the network and a
//! queued check-in survives closing the tab: the event's door list, and the queue of scans
//! not yet on the server. Values are JSON text, the format the server functions speak.

use idb::{Database, DatabaseEvent as _, Factory, ObjectStoreParams, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use domain::EventId;
use domain::tickets::door::{DoorAction, DoorList};

const NAME: &str = "convene-check-in";
const LISTS: &str = "lists";
const QUEUE: &str = "queue";

/// A queued action, with the event it belongs to (one device may serve several events).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    /// The event.
    pub event: EventId,
    /// Its position in the queue: actions are sent in the order they were made.
    pub seq: f64,
    /// The scan or undo.
    pub action: DoorAction,
}

impl Queued {
    /// Its key in the queue.
    pub fn key(&self) -> String {
        match &self.action {
            DoorAction::Scan { scan_id, .. } => scan_id.clone(),
            DoorAction::Undo { scan_id } => format!("undo:{scan_id}"),
        }
    }
}

/// The device's store.
#[derive(Clone)]
pub struct Store {
    database: std::rc::Rc<Database>,
}

/// Why the store failed, in words for the page.
pub fn problem(error: idb::Error) -> String {
    format!("This device's storage failed ({error}).")
}

impl Store {
    /// Opens the store, creating it on first use.
    pub async fn open() -> Result<Self, idb::Error> {
        let factory = Factory::new()?;
        let mut request = factory.open(NAME, Some(1))?;
        request.on_upgrade_needed(|event| {
            if let Ok(database) = event.database() {
                // Keys are given with each value (the event's id, the scan's id).
                let _ = database.create_object_store(LISTS, ObjectStoreParams::new());
                let _ = database.create_object_store(QUEUE, ObjectStoreParams::new());
            }
        });
        Ok(Self {
            database: std::rc::Rc::new(request.await?),
        })
    }

    /// The door list of `event` kept on this device, if any.
    pub async fn list(&self, event: EventId) -> Result<Option<DoorList>, idb::Error> {
        let transaction = self
            .database
            .transaction(&[LISTS], TransactionMode::ReadOnly)?;
        let value = transaction
            .object_store(LISTS)?
            .get(JsValue::from_str(&event.to_string()))?
            .await?;
        transaction.await?;
        Ok(value
            .and_then(|v| v.as_string())
            .and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// Keeps `list` on this device, replacing the one before.
    pub async fn keep_list(&self, list: &DoorList) -> Result<(), idb::Error> {
        let text = serde_json::to_string(list).unwrap_or_default();
        self.put(LISTS, &list.event.to_string(), &text).await
    }

    /// Adds `queued` to the queue.
    pub async fn enqueue(&self, queued: &Queued) -> Result<(), idb::Error> {
        let text = serde_json::to_string(queued).unwrap_or_default();
        self.put(QUEUE, &queued.key(), &text).await
    }

    /// The queue of `event`, oldest first.
    pub async fn queue(&self, event: EventId) -> Result<Vec<Queued>, idb::Error> {
        let transaction = self
            .database
            .transaction(&[QUEUE], TransactionMode::ReadOnly)?;
        let values = transaction
            .object_store(QUEUE)?
            .get_all(None, None)?
            .await?;
        transaction.await?;
        let mut queue: Vec<Queued> = values
            .into_iter()
            .filter_map(|v| v.as_string())
            .filter_map(|text| serde_json::from_str::<Queued>(&text).ok())
            .filter(|q| q.event == event)
            .collect();
        queue.sort_by(|a, b| a.seq.total_cmp(&b.seq));
        Ok(queue)
    }

    /// Removes the queued actions whose keys are `keys`: the server has them.
    pub async fn dequeue(&self, keys: &[String]) -> Result<(), idb::Error> {
        let transaction = self
            .database
            .transaction(&[QUEUE], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(QUEUE)?;
        for key in keys {
            store.delete(JsValue::from_str(key))?.await?;
        }
        transaction.commit()?.await?;
        Ok(())
    }

    async fn put(&self, store: &str, key: &str, text: &str) -> Result<(), idb::Error> {
        let transaction = self
            .database
            .transaction(&[store], TransactionMode::ReadWrite)?;
        transaction
            .object_store(store)?
            .put(&JsValue::from_str(text), Some(&JsValue::from_str(key)))?
            .await?;
        transaction.commit()?.await?;
        Ok(())
    }
}
